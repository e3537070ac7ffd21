using System.Net;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>HEAD gets what GET gets, less the body: monitors, link checkers and proxies ask with it.</summary>
public class HeadRequestTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/columns")]
    [InlineData("/rss.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/search?q=budget")]
    [InlineData("/account/login")]
    public async Task A_HEAD_request_answers_as_the_GET_would(string path)
    {
        var client = factory.CreateReaderClient();
        using var get = await client.GetAsync(path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_HEAD_request_for_a_missing_page_is_still_a_404()
    {
        using var head = await factory.CreateReaderClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/no-such-article"));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }
}
