using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Caching;

/// <summary>A page's cache entry varies only by the query keys the page reads, so random keys cannot bust the cache.</summary>
public class CacheKeyTests(CachedPortalFactory factory) : IClassFixture<CachedPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    /// <summary>The output cache marks what it serves with an Age header; a fresh render has none.</summary>
    private async Task<(bool Cached, string Html)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }

    private static string Random() => Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Unknown_query_keys_on_home_share_the_home_pages_entry()
    {
        var home = await GetAsync("/");

        var first = await GetAsync($"/?r={Random()}");
        var second = await GetAsync($"/?r={Random()}&utm_source=x");

        Assert.True(first.Cached, "/?r=… should be served from the entry of /");
        Assert.True(second.Cached, "/?r=…&utm_source=… should be served from the entry of /");
        Assert.Equal(home.Html, first.Html);
        Assert.Equal(home.Html, second.Html);
    }

    [Fact]
    public async Task The_page_key_makes_a_different_entry_with_its_own_content()
    {
        var home = await GetAsync("/");
        var pageTwo = await GetAsync("/?page=2");
        var pageTwoAgain = await GetAsync($"/?page=2&r={Random()}");

        Assert.NotEqual(home.Html, pageTwo.Html);
        Assert.True(pageTwoAgain.Cached, "/?page=2&r=… should be served from the entry of /?page=2");
        Assert.Equal(pageTwo.Html, pageTwoAgain.Html);
        Assert.Contains("?page=2", pageTwo.Html, StringComparison.Ordinal); // its canonical link
    }

    [Fact]
    public async Task Search_varies_by_q_and_page_only()
    {
        var q = "korea" + Random();
        await GetAsync($"/search?q={q}");

        var withExtraKey = await GetAsync($"/search?q={q}&x=1");
        var otherQuery = await GetAsync($"/search?q={q}b");

        Assert.True(withExtraKey.Cached, "/search?q=a&x=1 should be served from the entry of /search?q=a");
        Assert.Contains(q, withExtraKey.Html, StringComparison.Ordinal);
        Assert.False(otherQuery.Cached, "another q is another entry");
        Assert.Contains(q + "b", otherQuery.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_page_ignores_every_query_key()
    {
        var article = await factory.WithDbAsync(db =>
            ArticleBuilder.Article().WithHeadline("Cache key story " + Random()).SaveAsync(db, factory.Clock));
        var url = $"/articles/{article.Slug}";
        var plain = await GetAsync(url);

        var withKeys = await GetAsync($"{url}?page=2&r={Random()}");

        Assert.True(withKeys.Cached, "an article page has one entry whatever the query");
        Assert.Contains(article.Headline, withKeys.Html, StringComparison.Ordinal);
        Assert.Equal(plain.Html, withKeys.Html);
    }
}
