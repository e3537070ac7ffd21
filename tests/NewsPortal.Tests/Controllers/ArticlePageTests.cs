using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Controllers;

public class ArticlePageTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string DemoColumn = "/articles/pressure-mounts-for-inter-korean-detente";
    private readonly HttpClient _client = factory.CreateReaderClient();

    [Fact]
    public async Task A_column_shows_its_columnist_in_brackets_before_the_headline()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("[Lee Kyong-hee] Pressure mounts for inter-Korean detente", h1.TextContent.Trim());
        Assert.Contains("[Lee Kyong-hee] Pressure mounts", page.Title);
    }

    [Fact]
    public async Task Shows_curated_related_articles_in_editor_order_with_source_and_wire_credit()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var cards = page.QuerySelectorAll("aside.related .card");
        Assert.True(cards.Length >= 3, $"expected at least 3 related cards, found {cards.Length}");
        var headlines = cards.Take(3).Select(c => c.QuerySelector(".card__headline")!.TextContent.Trim()).ToList();
        Assert.StartsWith("President Lee to post social media messages", headlines[0]);
        Assert.StartsWith("S. Korean, US diplomats agree", headlines[1]);
        Assert.StartsWith("6 more S. Koreans, 1 Iranian family member evacuate Iran", headlines[2]);
        foreach (var card in cards.Take(3))
        {
            Assert.Equal("Korea Herald", card.QuerySelector(".card__source")!.TextContent.Trim());
            Assert.Equal("(Yonhap)", card.QuerySelector(".card__credit")!.TextContent.Trim());
            Assert.NotNull(card.QuerySelector("time[datetime]"));
            Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector(".card__summary")!.TextContent));
            Assert.StartsWith("/articles/", card.QuerySelector(".card__headline a")!.GetAttribute("href"));
        }

        var expectedOrder = await factory.WithDbAsync(db => db.RelatedLinks
            .Where(r => r.Article!.Slug == "pressure-mounts-for-inter-korean-detente")
            .OrderBy(r => r.Position)
            .Select(r => "/articles/" + r.RelatedArticle!.Slug)
            .ToListAsync());
        var shownOrder = cards.Take(expectedOrder.Count).Select(c => c.QuerySelector(".card__headline a")!.GetAttribute("href") ?? "").ToList();
        Assert.Equal(expectedOrder, shownOrder);
    }

    [Fact]
    public async Task Reordering_curated_links_changes_the_sidebar_order()
    {
        var slug = "reorder-" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var article = await ArticleBuilder.Article(slug).SaveAsync(db, factory.Clock);
            var others = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Id != article.Id)
                .OrderBy(a => a.Id).Take(3).Select(a => a.Id).ToListAsync();
            var service = new NewsPortal.Web.Features.Related.RelatedLinkService(db);
            foreach (var id in others)
            {
                Assert.True((await service.AddAsync(article.Id, id, default)).Succeeded);
            }
            Assert.True((await service.ReorderAsync(article.Id, [others[2], others[0], others[1]], default)).Succeeded);
        });

        var page = await _client.GetDocumentAsync($"/articles/{slug}");
        var expected = await factory.WithDbAsync(db => db.RelatedLinks.Where(r => r.Article!.Slug == slug)
            .OrderBy(r => r.Position).Select(r => "/articles/" + r.RelatedArticle!.Slug).ToListAsync());
        var shown = page.QuerySelectorAll("aside.related .card__headline a").Take(3).Select(a => a.GetAttribute("href") ?? "").ToList();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task Hashtags_link_to_their_tag_pages()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var links = page.QuerySelectorAll(".hashtags a");
        Assert.NotEmpty(links);
        Assert.All(links, link =>
        {
            Assert.StartsWith("/tags/", link.GetAttribute("href"));
            Assert.StartsWith("#", link.TextContent.Trim());
        });
        var tagPage = await _client.GetAsync(links[0].GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, tagPage.StatusCode);
    }

    [Fact]
    public async Task Shows_every_part_a_reader_expects()
    {
        var page = await _client.GetDocumentAsync(DemoColumn);

        var hero = page.QuerySelector("figure.hero img");
        Assert.NotNull(hero);
        Assert.False(string.IsNullOrWhiteSpace(hero.GetAttribute("alt")));
        Assert.NotNull(hero.GetAttribute("width"));
        Assert.NotNull(page.QuerySelector("figure.hero figcaption"));

        var byline = page.QuerySelector(".byline a[rel=author]");
        Assert.Equal("/authors/lee-kyong-hee", byline!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".kicker a[href^='/sections/']"));
        var published = page.QuerySelector(".article__times time[datetime]");
        Assert.NotNull(published);
        Assert.Matches(@"ago|hour|minute|day", published.TextContent);
        Assert.Matches(@"\d+ min read", page.QuerySelector(".article__times")!.TextContent);

        var body = page.QuerySelector(".article__body")!.TextContent;
        Assert.Contains("When the new president takes office in two days", body);
        Assert.Contains("suprapartisan consensus", body);
        Assert.Contains("Korea Herald", page.QuerySelector(".byline")!.TextContent);

        var keyPoints = page.QuerySelectorAll(".key-points li");
        Assert.Equal(3, keyPoints.Length);
        Assert.All(keyPoints, point => Assert.Contains(point.TextContent.Trim()[..20], body));

        // The demo content's approved comments (issue 14), and the form to add one.
        Assert.NotEmpty(page.QuerySelectorAll("#comments .comments__list .comment"));
        Assert.NotNull(page.QuerySelector("#comments form[data-comment-form]"));
    }

    [Fact]
    public async Task A_wire_story_credits_its_agency_after_the_text()
    {
        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.WireCredit == "Yonhap" && a.Status == ArticleStatus.Published)
            .Select(a => a.Slug).FirstAsync());

        var page = await _client.GetDocumentAsync($"/articles/{slug}");

        Assert.Equal("(Yonhap)", page.QuerySelector(".wire-credit")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_korean_article_is_marked_with_its_language()
    {
        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Language == "ko").Select(a => a.Slug).FirstAsync());

        var page = await _client.GetDocumentAsync($"/articles/{slug}");

        Assert.Equal("ko", page.QuerySelector("article.article")!.GetAttribute("lang"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_draft_is_not_found()
    {
        var draft = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).SaveAsync(db, factory.Clock));

        var response = await _client.GetAsync($"/articles/{draft.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".site-header"));
    }

    [Theory]
    [InlineData(ArticleStatus.Scheduled)]
    [InlineData(ArticleStatus.Unpublished)]
    public async Task An_article_that_is_not_published_is_not_found(ArticleStatus status)
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(status)
            .PublishedAt(factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1)).SaveAsync(db, factory.Clock));

        var response = await _client.GetAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_published_article_with_a_future_time_is_not_found_until_then()
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article()
            .PublishedAt(factory.Clock.GetUtcNow().UtcDateTime.AddDays(3)).SaveAsync(db, factory.Clock));

        var response = await _client.GetAsync($"/articles/{article.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_old_slug_redirects_permanently_to_the_current_one()
    {
        var article = await factory.WithDbAsync(async db =>
        {
            var saved = await ArticleBuilder.Article().SaveAsync(db, factory.Clock);
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { Slug = saved.Slug + "-old", ArticleId = saved.Id });
            await db.SaveChangesAsync();
            return saved;
        });

        var response = await _client.GetAsync($"/articles/{article.Slug}-old");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/articles/{article.Slug}", response.Headers.Location!.OriginalString);
    }
}
