using System.Globalization;
using System.Net;
using System.Xml.Linq;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Sitemaps;

public class SitemapTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    private readonly HttpClient _client = factory.CreateReaderClient();

    private async Task<XDocument> LoadAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sitemap_index_names_the_page_and_article_sitemaps_which_list_the_site()
    {
        var index = await LoadAsync("/sitemap.xml");

        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var locations = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value)).ToList();
        Assert.All(locations, l => Assert.True(l.IsAbsoluteUri));
        Assert.Contains(locations, l => l.AbsolutePath == "/sitemaps/pages.xml");
        Assert.Contains(locations, l => l.AbsolutePath == "/sitemaps/articles-1.xml");

        var articles = await LoadAsync("/sitemaps/articles-1.xml");
        var urls = articles.Root!.Elements(Sitemap + "url").ToList();
        Assert.Contains(urls, u => u.Element(Sitemap + "loc")!.Value.EndsWith("/articles/pressure-mounts-for-inter-korean-detente", StringComparison.Ordinal));
        Assert.All(urls, u => Assert.NotNull(u.Element(Sitemap + "lastmod")));

        var pages = await LoadAsync("/sitemaps/pages.xml");
        var pageUrls = pages.Root!.Elements(Sitemap + "url").Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/", pageUrls);
        Assert.Contains("/sections/opinion", pageUrls);
        Assert.Contains("/tags/hanbando", pageUrls);
        Assert.Contains("/authors/lee-kyong-hee", pageUrls);
    }

    [Theory]
    [InlineData("/sitemaps/articles-999.xml", HttpStatusCode.NotFound)]
    [InlineData("/sitemaps/articles-0.xml", HttpStatusCode.NotFound)]
    [InlineData("/sitemaps/articles-x.xml", HttpStatusCode.BadRequest)]
    [InlineData("/sitemaps/articles-99999999999.xml", HttpStatusCode.BadRequest)]
    public async Task An_article_sitemap_page_that_does_not_exist_is_refused(string url, HttpStatusCode status)
    {
        Assert.Equal(status, (await _client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_news_sitemap_holds_only_the_last_48_hours()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var recent = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().PublishedAt(now.AddHours(-47)), ArticleChangeKind.Published);
        var old = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().PublishedAt(now.AddHours(-49)), ArticleChangeKind.Published);
        var future = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().PublishedAt(now.AddHours(3)), ArticleChangeKind.Scheduled);

        var news = await LoadAsync("/sitemap-news.xml");

        var entries = news.Root!.Elements(Sitemap + "url").Select(u => new
        {
            Path = new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath,
            Published = DateTime.Parse(u.Element(News + "news")!.Element(News + "publication_date")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            Name = u.Element(News + "news")!.Element(News + "publication")!.Element(News + "name")!.Value,
            Title = u.Element(News + "news")!.Element(News + "title")!.Value,
        }).ToList();
        Assert.Contains(entries, e => e.Path == "/articles/" + recent.Slug);
        Assert.DoesNotContain(entries, e => e.Path == "/articles/" + old.Slug);
        Assert.DoesNotContain(entries, e => e.Path == "/articles/" + future.Slug);
        Assert.Contains(entries, e => e.Title == "[Lee Kyong-hee] Pressure mounts for inter-Korean detente");
        Assert.All(entries, e => Assert.InRange(e.Published, now.AddHours(-48), now));
        Assert.All(entries, e => Assert.Equal("NewsPortal", e.Name));
        // The demo content reaches back weeks: the news sitemap is a strict subset.
        var all = (await LoadAsync("/sitemaps/articles-1.xml")).Root!.Elements(Sitemap + "url").Count();
        Assert.True(entries.Count < all);
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_pages()
    {
        var robots = await _client.GetStringAsync("/robots.txt");

        Assert.Matches(@"(?m)^Sitemap: https?://[^/]+/sitemap\.xml$", robots);
        foreach (var path in new[] { "/admin", "/account", "/preview", "/search" })
        {
            Assert.Contains($"Disallow: {path}\n", robots, StringComparison.Ordinal);
        }
    }
}
