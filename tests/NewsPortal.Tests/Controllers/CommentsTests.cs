using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.Features.Comments;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Controllers;

/// <summary>Reader comments end to end: the form, its defences, moderation, what readers see and what stays cached.</summary>
public class CommentsTests(CommentsPortalFactory factory) : IClassFixture<CommentsPortalFactory>
{
    private async Task<AdminSession> EditorAsync() => await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

    private static async Task<(bool Cached, string Html)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }

    private static int CommentCount(string html)
    {
        var start = html.IndexOf("application/ld+json", StringComparison.Ordinal);
        var open = html.IndexOf('>', start) + 1;
        var json = html[open..html.IndexOf("</script>", open, StringComparison.Ordinal)];
        return JsonDocument.Parse(json).RootElement.GetProperty("commentCount").GetInt32();
    }

    [Fact]
    public async Task A_posted_comment_waits_for_approval_then_every_reader_sees_it_and_the_count_matches()
    {
        var article = await factory.NewArticleAsync();
        var url = $"/articles/{article.Slug}";
        var others = factory.CreateReaderClient();
        await GetAsync(others, url);
        Assert.True((await GetAsync(others, url)).Cached);

        var reader = factory.Anonymous();
        var response = await factory.PostCommentAsync(reader, article.Slug, CommentReader.Fields("First!\nA thoughtful second line.", name: "Min-jun"));
        var id = CommentReader.CommentId(response);
        Assert.True(response.Headers.Contains("Set-Cookie"), string.Join(" | ", response.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value))));
        Assert.Equal(CommentStatus.Pending, (await factory.FindCommentAsync(id))!.Status);

        // The poster sees their own comment, marked; everyone else still gets the cached page without it.
        var own = await reader.PageAsync(url);
        var pending = own.QuerySelector($"#comment-{id}");
        Assert.NotNull(pending);
        Assert.Contains("Awaiting moderation", pending.TextContent);
        var cached = await GetAsync(others, url);
        Assert.True(cached.Cached, "posting a pending comment must not evict the cached article");
        Assert.DoesNotContain("A thoughtful second line", cached.Html);
        Assert.DoesNotContain("Awaiting moderation", (await GetAsync(factory.CreateReaderClient(), url)).Html);

        var editor = await EditorAsync();
        await editor.ModerateAsync(id, "approve");

        var fresh = await GetAsync(factory.CreateReaderClient(), url);
        Assert.False(fresh.Cached, "approving must evict the article page");
        var page = await Html.ParseAsync(fresh.Html);
        var shown = page.QuerySelector($"#comment-{id}");
        Assert.NotNull(shown);
        Assert.Contains("Min-jun", shown.TextContent);
        Assert.Equal(2, shown.QuerySelectorAll(".comment__body br").Length + 1);
        Assert.DoesNotContain("Awaiting moderation", fresh.Html);
        Assert.Contains("(1)", page.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal(1, CommentCount(fresh.Html));

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Comment" && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.CommentApproved, audit);
    }

    [Fact]
    public async Task Approved_comments_are_shown_oldest_first()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var first = CommentReader.CommentId(await factory.PostCommentAsync(reader, article.Slug, CommentReader.Fields("older comment")));
        var second = CommentReader.CommentId(await factory.PostCommentAsync(reader, article.Slug, CommentReader.Fields("newer comment")));
        var editor = await EditorAsync();
        await editor.ModerateAsync(second, "approve");
        await editor.ModerateAsync(first, "approve");

        var html = (await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}")).Html;
        Assert.True(html.IndexOf("older comment", StringComparison.Ordinal) < html.IndexOf("newer comment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comment_marked_as_spam_is_never_shown_not_even_to_its_poster()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var id = CommentReader.CommentId(await factory.PostCommentAsync(reader, article.Slug, CommentReader.Fields("Buy cheap watches")));
        var editor = await EditorAsync();
        await editor.ModerateAsync(id, "spam");

        Assert.Equal(CommentStatus.Spam, (await factory.FindCommentAsync(id))!.Status);
        Assert.DoesNotContain("Buy cheap watches", (await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}")).Html);
        Assert.DoesNotContain("Buy cheap watches", (await reader.Client.GetStringAsync($"/articles/{article.Slug}")));
        Assert.Contains("Buy cheap watches", (await editor.Client.GetStringAsync("/admin/comments?status=spam")));
    }

    [Fact]
    public async Task Script_and_image_markup_in_a_body_is_shown_as_text()
    {
        var article = await factory.NewArticleAsync();
        var body = "<script>alert(1)</script> and <img src=x onerror=alert(1)>";
        var id = CommentReader.CommentId(await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields(body)));
        Assert.Equal(body, (await factory.FindCommentAsync(id))!.Body);
        await (await EditorAsync()).ModerateAsync(id, "approve");

        var html = (await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}")).Html;
        var shown = (await Html.ParseAsync(html)).QuerySelector($"#comment-{id} .comment__body")!;
        Assert.Equal(body, shown.TextContent);
        Assert.Empty(shown.QuerySelectorAll("script, img"));
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_a_form_error_and_the_typed_text_stays()
    {
        var article = await factory.NewArticleAsync();
        var body = new string('가', 1000) + "\n" + new string('b', 1000);
        Assert.Equal(2001, body.Length);
        var response = await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields(body, name: "Kept name"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(body, CommentReader.BodyField(page).Value);
        Assert.Equal("Kept name", page.QuerySelector("input[name='Name']")!.GetAttribute("value"));
        Assert.Contains("too long", page.QuerySelector("#comment-body-error")!.TextContent);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));

        // 2,000 with the line break counted once, as the browser's maxlength does, is accepted.
        var fits = await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields(body[..2000].Replace("\n", "\r\n")));
        Assert.Equal(HttpStatusCode.Redirect, fits.StatusCode);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused_and_reshown_with_the_text_and_a_token()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        // The cached article page's own form: no token in it (JavaScript would fetch one).
        var articlePage = await reader.PageAsync($"/articles/{article.Slug}");
        Assert.Equal("", articlePage.QuerySelector("form[data-comment-form] input[name='__RequestVerificationToken']")!.GetAttribute("value"));
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var refused = await reader.SubmitAsync(articlePage, "form[data-comment-form]", CommentReader.Fields("Posted without a token"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));
        var again = await Html.ParseAsync(refused);
        Assert.Equal("Posted without a token", CommentReader.BodyField(again).Value);
        Assert.NotEqual("", AdminSession.AntiforgeryToken(again));

        // Without JavaScript, sending the re-shown form posts the comment.
        var posted = await reader.SubmitAsync(again, "form[data-comment-form]");
        Assert.Equal("Posted without a token", (await factory.FindCommentAsync(CommentReader.CommentId(posted)))!.Body);

        // A forged cross-site post (no token at all, no cookie) stores nothing either.
        using var forged = new FormUrlEncodedContent(CommentReader.Fields("forged"));
        var forgedResponse = await factory.CreateReaderClient().PostAsync($"/articles/{article.Slug}/comments", forged);
        Assert.Equal(HttpStatusCode.BadRequest, forgedResponse.StatusCode);
        Assert.Equal(1, await factory.CountCommentsAsync(article.Id));
    }

    [Fact]
    public async Task A_filled_honeypot_is_silently_dropped()
    {
        var article = await factory.NewArticleAsync();
        var values = CommentReader.Fields("I am a bot");
        values["Website"] = "http://spam.example";
        var response = await factory.PostCommentAsync(factory.Anonymous(), article.Slug, values);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("#comments", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));
    }

    [Fact]
    public async Task A_form_sent_sooner_than_a_person_could_is_not_stored_and_keeps_the_text()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var page = await reader.PageAsync($"/articles/{article.Slug}/comments");
        var response = await reader.SubmitAsync(page, "form[data-comment-form]", CommentReader.Fields("too quick"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too quick", CommentReader.BodyField(await Html.ParseAsync(response)).Value);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));
    }

    [Fact]
    public async Task A_forged_start_time_is_refused()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var page = await reader.PageAsync($"/articles/{article.Slug}/comments");
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var values = CommentReader.Fields("forged time");
        values["Started"] = "1700000000000";
        var response = await reader.SubmitAsync(page, "form[data-comment-form]", values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));
    }

    [Fact]
    public async Task Closed_comments_refuse_posts_and_the_article_says_so()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var form = await reader.PageAsync($"/articles/{article.Slug}/comments");
        var editor = await EditorAsync();
        var admin = await editor.PageAsync($"/admin/comments?article={article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(admin, $"form[action='/admin/comments/articles/{article.Id}/close']")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var response = await reader.SubmitAsync(form, "form[data-comment-form]", CommentReader.Fields("After closing"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.CountCommentsAsync(article.Id));

        var html = (await GetAsync(factory.CreateReaderClient(), $"/articles/{article.Slug}")).Html;
        Assert.Contains("Comments are closed for this article.", html);
        Assert.DoesNotContain("data-comment-form", html);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CommentsClosed && e.EntityId == article.Id.ToString()));
        Assert.True(audit);
    }

    [Fact]
    public async Task The_email_never_appears_in_a_reader_page_feed_or_json()
    {
        var article = await factory.NewArticleAsync();
        const string email = "very-private-reader@example.test";
        var reader = factory.Anonymous();
        var id = CommentReader.CommentId(await factory.PostCommentAsync(reader, article.Slug, CommentReader.Fields("My email stays private", email: email)));
        Assert.DoesNotContain(email, await reader.Client.GetStringAsync($"/articles/{article.Slug}"));
        await (await EditorAsync()).ModerateAsync(id, "approve");

        var client = factory.CreateReaderClient();
        foreach (var url in new[] { $"/articles/{article.Slug}", $"/articles/{article.Slug}/comments", "/", "/rss.xml", "/atom.xml", "/sitemap.xml", "/sitemap-news.xml", "/search?q=private" })
        {
            using var response = await client.GetAsync(url);
            Assert.DoesNotContain(email, await response.Content.ReadAsStringAsync());
        }
        Assert.Contains("My email stays private", await client.GetStringAsync($"/articles/{article.Slug}"));
    }

    [Fact]
    public async Task Deleting_an_approved_comment_evicts_the_page_and_removes_it()
    {
        var article = await factory.NewArticleAsync();
        var id = CommentReader.CommentId(await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields("Soon deleted")));
        var editor = await EditorAsync();
        await editor.ModerateAsync(id, "approve");
        var client = factory.CreateReaderClient();
        await GetAsync(client, $"/articles/{article.Slug}");
        Assert.True((await GetAsync(client, $"/articles/{article.Slug}")).Cached);

        await editor.ModerateAsync(id, "delete", status: "approved");

        var after = await GetAsync(client, $"/articles/{article.Slug}");
        Assert.False(after.Cached);
        Assert.DoesNotContain("Soon deleted", after.Html);
        Assert.Null(await factory.FindCommentAsync(id));
    }

    [Fact]
    public async Task Editors_see_the_pending_count_in_the_navigation_and_authors_cannot_moderate()
    {
        var article = await factory.NewArticleAsync();
        await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields("Counted"));
        var pending = await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.Status == CommentStatus.Pending));

        var navPage = await (await EditorAsync()).PageAsync("/admin");
        var nav = navPage.QuerySelector("nav.admin-nav a[href='/admin/comments'] .nav-count");
        Assert.True(nav is not null, navPage.QuerySelector("nav.admin-nav")?.OuterHtml);
        Assert.Contains(pending.ToString(System.Globalization.CultureInfo.InvariantCulture), nav.TextContent);

        var author = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        Assert.Equal(HttpStatusCode.Forbidden, (await author.Client.GetAsync("/admin/comments")).StatusCode);
        var authorAdmin = await author.PageAsync("/admin");
        Assert.Null(authorAdmin.QuerySelector("a[href='/admin/comments']"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AdminSession.AntiforgeryToken(authorAdmin), ["ids"] = "1", ["operation"] = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, (await author.Client.PostAsync("/admin/comments/bulk", content)).StatusCode);
    }
}
