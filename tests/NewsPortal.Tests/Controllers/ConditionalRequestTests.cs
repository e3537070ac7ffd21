using System.Net;
using System.Net.Http.Headers;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Controllers;

/// <summary>Reader pages and sitemaps answer revalidation through the one If-None-Match rule, with the headers they always sent.</summary>
public class ConditionalRequestTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    private async Task<HttpResponseMessage> RevalidateAsync(string url, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await _client.SendAsync(request);
    }

    private async Task<EntityTagHeaderValue> ETagOfAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!;
    }

    [Theory]
    [InlineData("/sections/opinion")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/pages.xml")]
    public async Task A_list_of_validators_or_a_weak_one_naming_the_page_answers_304(string url)
    {
        var etag = (await ETagOfAsync(url)).Tag;

        using var inList = await RevalidateAsync(url, $"\"stale\", {etag}");
        using var weak = await RevalidateAsync(url, "W/" + etag);
        using var other = await RevalidateAsync(url, "\"stale\"");

        Assert.Equal(HttpStatusCode.NotModified, inList.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_reader_page_answers_304_with_its_etag_and_no_added_validators()
    {
        var etag = await ETagOfAsync("/tags/north-korea");

        using var response = await RevalidateAsync("/tags/north-korea", etag.Tag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Null(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task A_sitemap_answers_304_with_its_etag_and_cache_lifetime()
    {
        var etag = await ETagOfAsync("/sitemap-news.xml");

        using var response = await RevalidateAsync("/sitemap-news.xml", etag.Tag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl!.MaxAge);
    }
}
