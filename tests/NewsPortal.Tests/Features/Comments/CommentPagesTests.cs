using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Caching;
using NewsPortal.Web.Features.Comments;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Features.Comments;

/// <summary>
/// Comments a page at a time (<c>Comments:PageSize</c>, three here): the article page shows the first page and counts
/// them all, the discussion pages (<c>/articles/{slug}/comments/all?page=N</c>) show every approved one, cached and
/// evicted with the article's page.
/// </summary>
public class CommentPagesTests(CommentPagesPortalFactory factory) : IClassFixture<CommentPagesPortalFactory>
{
    private const string Email = "hidden-reader@example.test";

    /// <summary>
    /// Approved comments "Comment 1" … "Comment n", oldest first by time; saved newest first, so their ids run the
    /// other way and only the time can order them.
    /// </summary>
    private async Task<Article> ArticleWithCommentsAsync(int approved, ArticleStatus status = ArticleStatus.Published)
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(status).SaveAsync(db, factory.Clock));
        var start = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-approved - 2);
        await factory.WithDbAsync(async db =>
        {
            for (var n = approved; n >= 1; n--)
            {
                db.Comments.Add(NewComment(article.Id, $"Comment {n}", CommentStatus.Approved, start.AddHours(n)));
            }
            // Older than every approved one, so they would lead the first page if they were shown.
            db.Comments.Add(NewComment(article.Id, "Pending words", CommentStatus.Pending, start));
            db.Comments.Add(NewComment(article.Id, "Spam words", CommentStatus.Spam, start));
            await db.SaveChangesAsync();
        });
        return article;
    }

    private static Comment NewComment(int articleId, string body, CommentStatus status, DateTime createdAt) => new()
    {
        ArticleId = articleId,
        DisplayName = "Reader of " + body,
        Email = Email,
        Body = body,
        Status = status,
        CreatedAt = createdAt,
    };

    private static string DiscussionPath(Article article, string? page = null) =>
        $"/articles/{article.Slug}/comments/all" + (page is null ? "" : "?page=" + Uri.EscapeDataString(page));

    private static async Task<(bool Cached, string Html, IHtmlDocument Page)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        return (response.Headers.Age is not null, html, await Html.ParseAsync(html));
    }

    private static List<string> ApprovedBodies(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".comments__list:not(.comments__list--pending) .comment .comment__body").Select(b => b.TextContent.Trim())];

    private static int CommentCount(IHtmlDocument page)
    {
        var json = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        return JsonDocument.Parse(json).RootElement.GetProperty("commentCount").GetInt32();
    }

    [Fact]
    public async Task The_article_page_shows_the_first_page_of_comments_oldest_first_and_counts_them_all()
    {
        var article = await ArticleWithCommentsAsync(7);

        var (_, html, page) = await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}");

        Assert.Equal(["Comment 1", "Comment 2", "Comment 3"], ApprovedBodies(page));
        Assert.Contains("(7)", page.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal(7, CommentCount(page));
        var more = page.QuerySelector(".comments__more a");
        Assert.NotNull(more);
        Assert.Equal("Read all 7 comments", more.TextContent.Trim());
        Assert.Equal(DiscussionPath(article), more.GetAttribute("href"));
        Assert.DoesNotContain("Pending words", html);
        Assert.DoesNotContain("Spam words", html);
    }

    [Fact]
    public async Task With_no_more_comments_than_a_page_the_article_shows_them_all_without_a_link()
    {
        var article = await ArticleWithCommentsAsync(3);

        var (_, html, page) = await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}");

        Assert.Equal(["Comment 1", "Comment 2", "Comment 3"], ApprovedBodies(page));
        Assert.Contains("(3)", page.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal(3, CommentCount(page));
        Assert.Null(page.QuerySelector(".comments__more"));
        Assert.DoesNotContain("/comments/all", html);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(4, 1)]
    public async Task The_article_page_counts_its_comments_only_when_its_first_page_is_full(int approved, int counts)
    {
        var article = await ArticleWithCommentsAsync(approved);

        factory.Sql.Start();
        await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}");
        var commands = factory.Sql.Stop();

        Assert.Equal(counts, commands.Count(c => c.Text.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) && c.Text.Contains("\"Comments\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_discussion_pages_show_every_approved_comment_oldest_first_a_page_at_a_time()
    {
        var article = await ArticleWithCommentsAsync(7);
        var client = factory.CreateReaderClient();

        var first = await GetAsync(client, DiscussionPath(article));
        var second = await GetAsync(client, DiscussionPath(article, "2"));
        var third = await GetAsync(client, DiscussionPath(article, "3"));

        Assert.Equal(["Comment 1", "Comment 2", "Comment 3"], ApprovedBodies(first.Page));
        Assert.Equal(["Comment 4", "Comment 5", "Comment 6"], ApprovedBodies(second.Page));
        Assert.Equal(["Comment 7"], ApprovedBodies(third.Page));
        Assert.Contains("Reader of Comment 4", second.Page.QuerySelector("#comment-" + await IdOfAsync("Comment 4", article.Id) + " .comment__author")!.TextContent);

        var back = second.Page.QuerySelector("h1 a")!;
        Assert.Equal($"/articles/{article.Slug}", back.GetAttribute("href"));
        Assert.Equal(article.Headline, back.TextContent.Trim());
        Assert.Contains("(7)", second.Page.QuerySelector("h1")!.TextContent);
        Assert.Contains(article.Headline, second.Page.Title);
        Assert.Equal(DiscussionPath(article), second.Page.QuerySelector(".pager a[rel='prev']")!.GetAttribute("href"));
        Assert.Equal(DiscussionPath(article, "3"), second.Page.QuerySelector(".pager a[rel='next']")!.GetAttribute("href"));
        Assert.Equal("Page 2 of 3", second.Page.QuerySelector(".pager__status")!.TextContent.Trim());
        Assert.EndsWith(DiscussionPath(article, "2"), second.Page.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        Assert.Null(second.Page.QuerySelector("meta[name='robots']"));
        Assert.Null(second.Page.QuerySelector("form[data-comment-form]"));

        foreach (var shown in new[] { first, second, third })
        {
            Assert.DoesNotContain("Pending words", shown.Html);
            Assert.DoesNotContain("Spam words", shown.Html);
            Assert.DoesNotContain(Email, shown.Html);
        }
    }

    private Task<int> IdOfAsync(string body, int articleId) =>
        factory.WithDbAsync(db => Task.FromResult(db.Comments.Single(c => c.ArticleId == articleId && c.Body == body).Id));

    [Fact]
    public async Task A_discussion_page_is_cached_by_its_page_number_alone()
    {
        var article = await ArticleWithCommentsAsync(4);
        var client = factory.CreateReaderClient();

        Assert.False((await GetAsync(client, DiscussionPath(article, "2"))).Cached);
        var again = await GetAsync(client, DiscussionPath(article, "2") + "&r=12345");
        Assert.True(again.Cached, "another query key must not make a new cache entry");
        Assert.Equal(["Comment 4"], ApprovedBodies(again.Page));
        var first = await GetAsync(client, DiscussionPath(article));
        Assert.Equal(["Comment 1", "Comment 2", "Comment 3"], ApprovedBodies(first.Page));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task A_bad_page_number_is_a_bad_request_page(string page)
    {
        var article = await ArticleWithCommentsAsync(4);

        using var response = await factory.CreateReaderClient().GetAsync(DiscussionPath(article, page));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Bad request", document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_page_past_the_last_is_not_found_and_an_article_without_comments_has_its_first_page()
    {
        var article = await ArticleWithCommentsAsync(6);
        var client = factory.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(DiscussionPath(article, "2"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DiscussionPath(article, "3"))).StatusCode);

        var quiet = await ArticleWithCommentsAsync(0);
        var empty = await GetAsync(client, DiscussionPath(quiet));
        Assert.NotNull(empty.Page.QuerySelector(".comments__empty"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DiscussionPath(quiet, "2"))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_unpublished_article_has_no_discussion_pages()
    {
        var client = factory.CreateReaderClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/no-such-article/comments/all")).StatusCode);

        var draft = await ArticleWithCommentsAsync(4, ArticleStatus.Draft);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DiscussionPath(draft))).StatusCode);

        var unpublished = await ArticleWithCommentsAsync(4);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(DiscussionPath(unpublished))).StatusCode);
        await factory.SetStatusAsync(unpublished.Id, ArticleStatus.Unpublished);
        await factory.PublishChangeAsync(unpublished.Id, NewsPortal.Web.Features.Articles.ArticleChangeKind.Unpublished, unpublished.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DiscussionPath(unpublished))).StatusCode);
    }

    [Fact]
    public async Task Approving_a_comment_evicts_the_cached_discussion_page()
    {
        var article = await ArticleWithCommentsAsync(4);
        var client = factory.CreateReaderClient();
        await GetAsync(client, DiscussionPath(article, "2"));
        Assert.True((await GetAsync(client, DiscussionPath(article, "2"))).Cached);

        var id = CommentReader.CommentId(await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields("Approved after caching", email: Email)));
        var stillCached = await GetAsync(client, DiscussionPath(article, "2"));
        Assert.True(stillCached.Cached, "a pending comment must not evict the discussion page");
        Assert.DoesNotContain("Approved after caching", stillCached.Html);

        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        await editor.ModerateAsync(id, "approve");

        var fresh = await GetAsync(client, DiscussionPath(article, "2"));
        Assert.False(fresh.Cached, "approving must evict the discussion page");
        Assert.Equal(["Comment 4", "Approved after caching"], ApprovedBodies(fresh.Page));
        Assert.Contains("(5)", fresh.Page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(Email, fresh.Html);

        await editor.ModerateAsync(id, "spam", status: "approved");
        var afterSpam = await GetAsync(client, DiscussionPath(article, "2"));
        Assert.False(afterSpam.Cached, "marking as spam must evict the discussion page");
        Assert.DoesNotContain("Approved after caching", afterSpam.Html);
    }

    [Theory]
    [InlineData("/articles/some-story/comments/all")]
    [InlineData("/Articles/some-story/COMMENTS/All")]
    public void A_discussion_address_in_any_case_varies_by_page_and_carries_the_article_page_tags(string path)
    {
        Assert.Equal("page", ReaderPagePolicy.QueryKeysFor(path).ToString());
        Assert.Equal([PageCacheTags.Article("some-story"), PageCacheTags.ArticlePage("some-story")], PageCacheTags.ForPath(path).ToArray());
        Assert.True(ReaderPagePolicy.IsReaderPage(path));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    public void A_page_size_outside_1_to_500_is_refused(string size)
    {
        using var services = CommentServices(size);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CommentsOptions>>().Value);
        Assert.Contains("Comments:PageSize", error.Message);
    }

    [Fact]
    public void The_page_size_is_50_unless_configured()
    {
        using var services = CommentServices(null);

        Assert.Equal(50, services.GetRequiredService<IOptions<CommentsOptions>>().Value.PageSize);
    }

    private static ServiceProvider CommentServices(string? pageSize)
    {
        var settings = new Dictionary<string, string?>();
        if (pageSize is not null)
        {
            settings["Comments:PageSize"] = pageSize;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddComments();
        return services.BuildServiceProvider();
    }
}
