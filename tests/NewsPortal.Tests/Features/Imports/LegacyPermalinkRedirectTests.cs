using System.Net;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Imports;

/// <summary>Old WordPress addresses of imported articles, with the output cache on as readers meet the site.</summary>
public sealed class LegacyPermalinkRedirectTests(CachedPortalFactory factory) : IClassFixture<CachedPortalFactory>
{
    private const string Target = "/articles/harbour-council-passes-dredging-budget";

    private async Task<HttpClient> ImportedAsync()
    {
        await ImportSamples.ImportAsync(factory.Services, "wordpress", ImportSamples.PathOf("wordpress.xml"));
        return factory.CreateReaderClient();
    }

    [Theory]
    [InlineData("/2024/05/harbour-council-passes-dredging-budget/")]
    [InlineData("/2024/05/harbour-council-passes-dredging-budget")]
    [InlineData("/harbour-council-passes-dredging-budget/")]
    [InlineData("/?p=123")]
    [InlineData("/index.php?p=123")]
    [InlineData("/2024/05/harbour-council-passes-dredging-budget/?utm_source=newsletter")]
    public async Task An_old_permalink_answers_301_to_the_article(string oldAddress)
    {
        using var client = await ImportedAsync();

        using var response = await client.GetAsync(oldAddress);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Target, response.Headers.Location?.OriginalString);
        using var article = await client.GetAsync(Target);
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }

    [Fact]
    public async Task The_redirect_is_relative_whatever_Host_the_request_names()
    {
        using var client = await ImportedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?p=124");
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles/container-traffic-record", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_cached_front_page_does_not_hide_the_redirect_and_unknown_ids_or_keys_get_the_front_page()
    {
        using var client = await ImportedAsync();
        var front = await client.GetStringAsync("/");

        using var redirected = await client.GetAsync("/?p=123");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);

        foreach (var address in new[] { "/?p=99999", "/?p=abc", "/?r=12345", "/?p=125" })
        {
            using var response = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(front, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Unknown_old_addresses_and_articles_readers_cannot_see_yet_keep_the_404_page()
    {
        using var client = await ImportedAsync();

        foreach (var address in new[] { "/2024/05/never-existed/", "/harbour-festival-programme/", "/2027/01/harbour-festival-programme/", "/about/" })
        {
            using var response = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task Existing_routes_win_and_only_reads_are_redirected()
    {
        using var client = await ImportedAsync();

        using var article = await client.GetAsync(Target + "?p=123");
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        using var post = await client.PostAsync("/2024/05/harbour-council-passes-dredging-budget/", new StringContent(""));
        Assert.NotEqual(HttpStatusCode.MovedPermanently, post.StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/harbour-council-passes-dredging-budget/");
        using var headResponse = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.MovedPermanently, headResponse.StatusCode);
    }
}
