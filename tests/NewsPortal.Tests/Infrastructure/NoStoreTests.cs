using System.Net;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>Staff pages and sign-in are never stored by a browser or a proxy.</summary>
public class NoStoreTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/admin")]              // signed out: the redirect to sign-in
    [InlineData("/admin/articles")]
    public async Task Account_and_admin_answers_say_no_store_even_signed_out(string path)
    {
        using var response = await factory.CreateReaderClient().GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/articles")]
    [InlineData("/admin/does-not-exist")]
    public async Task Signed_in_admin_pages_say_no_store(string path)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));

        using var response = await session.Client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Reader_pages_keep_their_own_caching()
    {
        using var response = await factory.CreateReaderClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}
