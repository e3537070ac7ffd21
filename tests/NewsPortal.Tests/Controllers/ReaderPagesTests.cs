using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Controllers;

public class ReaderPagesTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    [Fact]
    public async Task The_home_page_leads_with_a_story_and_lists_the_latest()
    {
        var page = await _client.GetDocumentAsync("/");

        Assert.NotNull(page.QuerySelector(".lead__headline a[href^='/articles/']"));
        Assert.True(page.QuerySelectorAll(".card").Length >= 10);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent.Contains("[Lee Kyong-hee] Pressure mounts", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task The_home_page_pages_through_older_articles()
    {
        var page = await _client.GetDocumentAsync("/?page=2");

        Assert.NotEmpty(page.QuerySelectorAll(".card"));
        Assert.NotNull(page.QuerySelector("a[rel=prev]"));
    }

    [Fact]
    public async Task A_section_page_lists_only_that_sections_articles()
    {
        var page = await _client.GetDocumentAsync("/sections/opinion");

        Assert.Equal("Opinion", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll(".card__headline a"), a => a.GetAttribute("href") == "/articles/pressure-mounts-for-inter-korean-detente");
        Assert.All(page.QuerySelectorAll(".card__section"), s => Assert.Equal("/sections/opinion", s.GetAttribute("href")));
    }

    [Fact]
    public async Task A_tag_page_lists_the_articles_with_that_hashtag()
    {
        var (slug, count) = await factory.WithDbAsync(async db =>
        {
            var tag = await db.Tags.OrderByDescending(t => db.ArticleTags.Count(at => at.TagId == t.Id)).FirstAsync();
            var tagged = await db.ArticleTags.CountAsync(at => at.TagId == tag.Id && at.Article!.Status == ArticleStatus.Published);
            return (tag.Slug, tagged);
        });

        var page = await _client.GetDocumentAsync($"/tags/{slug}");

        Assert.StartsWith("#", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(Math.Min(count, 20), page.QuerySelectorAll(".card").Length);
    }

    [Fact]
    public async Task An_author_page_shows_the_bio_and_their_articles()
    {
        var page = await _client.GetDocumentAsync("/authors/lee-kyong-hee");

        Assert.Equal("Lee Kyong-hee", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".author-header__bio")!.TextContent));
        Assert.Contains(page.QuerySelectorAll(".card__headline a"), a => a.GetAttribute("href") == "/articles/pressure-mounts-for-inter-korean-detente");
    }

    [Fact]
    public async Task The_columns_page_lists_columnists_with_their_latest_columns()
    {
        var page = await _client.GetDocumentAsync("/columns");

        var columnists = page.QuerySelectorAll(".columnist");
        Assert.True(columnists.Length >= 2);
        Assert.All(columnists, c => Assert.NotEmpty(c.QuerySelectorAll(".card")));
        Assert.All(page.QuerySelectorAll(".columnist .card__headline"), h => Assert.StartsWith("[", h.TextContent.Trim()));
    }

    [Theory]
    [InlineData("/?page=0")]
    [InlineData("/?page=abc")]
    [InlineData("/?page=-1")]
    [InlineData("/?page=99999999999")]
    [InlineData("/sections/opinion?page=0")]
    [InlineData("/tags/north-korea?page=abc")]
    [InlineData("/authors/lee-kyong-hee?page=1.5")]
    public async Task A_bad_page_number_is_a_bad_request_page(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Bad request", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/sections/no-such-section")]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/authors/no-such-author")]
    [InlineData("/no/such/page")]
    [InlineData("/?page=5000")]
    public async Task An_unknown_address_is_a_not_found_page_in_the_site_layout(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("nav.site-nav"));
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
        var ready = await _client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy()
    {
        var response = await _client.GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_demo_newsroom_is_big_enough_to_show_every_page_type()
    {
        var counts = await factory.WithDbAsync(async db => new
        {
            Articles = await db.Articles.CountAsync(),
            Korean = await db.Articles.CountAsync(a => a.Language == "ko"),
            Sections = await db.Articles.Select(a => a.SectionId).Distinct().CountAsync(),
            Authors = await db.Articles.Select(a => a.AuthorId).Distinct().CountAsync(),
            Columnists = await db.Authors.CountAsync(a => a.IsColumnist && a.Articles.Any(x => x.Kind == ArticleKind.Column)),
            Tags = await db.ArticleTags.Select(t => t.TagId).Distinct().CountAsync(),
            Wire = await db.Articles.CountAsync(a => a.WireCredit != null),
        });

        Assert.True(counts.Articles >= 34, $"articles: {counts.Articles}");
        Assert.True(counts.Korean >= 5, $"Korean: {counts.Korean}");
        Assert.True(counts.Sections >= 5);
        Assert.True(counts.Authors >= 6);
        Assert.True(counts.Columnists >= 2);
        Assert.True(counts.Tags >= 15);
        Assert.True(counts.Wire >= 4);
    }
}
