using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Seo;

public class SeoTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string DemoColumn = "/articles/pressure-mounts-for-inter-korean-detente";
    private readonly HttpClient _client = factory.CreateReaderClient();

    private static JsonElement JsonLd(IHtmlDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    private static string? Meta(IHtmlDocument page, string property) =>
        (page.QuerySelector($"meta[property='{property}']") ?? page.QuerySelector($"meta[name='{property}']"))?.GetAttribute("content");

    [Fact]
    public async Task An_article_has_news_article_json_ld_whose_headline_is_the_h1()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var json = JsonLd(page);
        Assert.Equal("NewsArticle", json.GetProperty("@type").GetString());
        Assert.Equal(page.QuerySelector("h1")!.TextContent.Trim(), json.GetProperty("headline").GetString());
        // The demo hero comes from the media library: JSON-LD names its 16:9 rendition with its size.
        var image = json.GetProperty("image")[0];
        Assert.Matches(@"^http.*/media/\d+/[a-z0-9-]+-v\d+\?w=1280&ar=16x9$", image.GetProperty("url").GetString());
        Assert.Equal((1280, 720), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        var published = json.GetProperty("datePublished").GetDateTime();
        Assert.Equal(DateTime.Parse(page.QuerySelector(".article__times time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(), published.ToUniversalTime());
        Assert.True(json.GetProperty("dateModified").GetDateTime() >= published);
        var author = json.GetProperty("author")[0];
        Assert.Equal("Lee Kyong-hee", author.GetProperty("name").GetString());
        Assert.EndsWith("/authors/lee-kyong-hee", author.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("NewsPortal", json.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("Organization", json.GetProperty("publisher").GetProperty("@type").GetString());
    }

    [Fact]
    public async Task An_article_has_open_graph_and_twitter_tags_and_a_canonical_url()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.EndsWith(DemoColumn, canonical, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(canonical, UriKind.Absolute));
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal(page.QuerySelector("h1")!.TextContent.Trim(), Meta(page, "og:title"));
        Assert.Equal(canonical, Meta(page, "og:url"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "og:description")));
        Assert.Matches(@"^http.*/media/\d+/[a-z0-9-]+-v\d+\?w=1280&ar=1\.91x1$", Meta(page, "og:image"));
        Assert.Equal(("1280", "670"), (Meta(page, "og:image:width"), Meta(page, "og:image:height")));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.NotNull(Meta(page, "article:published_time"));
        Assert.Contains(page.QuerySelectorAll("meta[property='article:tag']"), m => m.GetAttribute("content") == "한반도");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sections/opinion")]
    [InlineData("/tags/hanbando")]
    [InlineData("/authors/lee-kyong-hee")]
    [InlineData("/columns")]
    [InlineData("/search?q=korea")]
    public async Task Every_page_has_a_title_description_canonical_and_social_tags(string url)
    {
        var page = await _client.GetDocumentAsync(url);

        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        Assert.True(Uri.IsWellFormedUriString(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), UriKind.Absolute));
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "og:title")));
        Assert.NotNull(Meta(page, "twitter:card"));
        Assert.Empty(page.QuerySelectorAll("script[type='application/ld+json']"));
    }

    [Fact]
    public async Task A_later_listing_page_is_its_own_canonical()
    {
        var page = await _client.GetDocumentAsync("/?page=2");

        Assert.EndsWith("/?page=2", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syndicated_article_points_its_canonical_at_the_original()
    {
        const string original = "https://www.koreaherald.com/article/10498765";
        var article = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article(), ArticleChangeKind.Published,
            (_, a) => a.OriginalUrl = original);

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal(original, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(original, Meta(page, "og:url"));
    }

    [Fact]
    public async Task Json_ld_cannot_be_broken_out_of_by_a_headline()
    {
        const string headline = "</script><script>alert(1)</script> & \"quotes\" <!-- 한반도";
        var article = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().WithHeadline(headline), ArticleChangeKind.Published);

        using var response = await _client.GetAsync($"/articles/{article.Slug}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        var page = await Html.ParseAsync(html);
        Assert.Equal(headline, JsonLd(page).GetProperty("headline").GetString());
        Assert.Equal(headline, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Absolute_urls_use_the_configured_base_url()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Site:BaseUrl", "https://news.example.com/"));
        var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetDocumentAsync(DemoColumn);
        var robots = await client.GetStringAsync("/robots.txt");

        Assert.Equal("https://news.example.com" + DemoColumn, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://news.example.com" + DemoColumn, JsonLd(page).GetProperty("url").GetString());
        Assert.Contains("Sitemap: https://news.example.com/sitemap.xml", robots, StringComparison.Ordinal);
    }
}
