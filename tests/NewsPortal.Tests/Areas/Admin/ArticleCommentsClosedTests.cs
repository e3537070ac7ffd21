using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>"Close comments" in the article editor: the moderation queue's open/close, audited, and the cached page follows.</summary>
public class ArticleCommentsClosedTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    private Task<Article> PublishedArticleAsync() =>
        factory.SaveAndPublishChangeAsync(ArticleBuilder.Article(), NewsPortal.Web.Features.Articles.ArticleChangeKind.Published);

    private Task<bool> ClosedAsync(int id) => factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.CommentsClosed).SingleAsync());

    private Task<List<string>> AuditAsync(int id) => factory.WithDbAsync(db => db.AuditEntries
        .Where(e => e.EntityType == nameof(Article) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Closing_comments_in_the_editor_saves_audits_and_the_cached_article_page_says_so()
    {
        var article = await PublishedArticleAsync();
        var reader = factory.CreateReaderClient();
        var before = await reader.GetDocumentAsync($"/articles/{article.Slug}");
        Assert.NotNull(before.QuerySelector("form.comment-form"));
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

        var response = await editor.SubmitAsync($"/admin/articles/{article.Id}/edit", EditorForm, new() { ["Form.CommentsClosed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await ClosedAsync(article.Id));
        Assert.Contains(AuditActions.CommentsClosed, await AuditAsync(article.Id));
        var after = await reader.GetDocumentAsync($"/articles/{article.Slug}");
        Assert.Null(after.QuerySelector("form.comment-form"));
        Assert.Contains("Comments are closed", after.QuerySelector(".comments__closed")?.TextContent ?? "", StringComparison.Ordinal);
        var form = await editor.PageAsync($"/admin/articles/{article.Id}/edit");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("input[type=checkbox][name='Form.CommentsClosed']")!).IsChecked);
    }

    [Fact]
    public async Task Unticking_opens_them_again_and_saving_without_a_change_adds_no_comment_audit_entry()
    {
        var article = await PublishedArticleAsync();
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        await editor.SubmitAsync($"/admin/articles/{article.Id}/edit", EditorForm, new() { ["Form.CommentsClosed"] = "true" });

        await editor.SubmitAsync($"/admin/articles/{article.Id}/edit", EditorForm, new() { ["Form.CommentsClosed"] = "false" });
        await editor.SubmitAsync($"/admin/articles/{article.Id}/edit", EditorForm);

        Assert.False(await ClosedAsync(article.Id));
        var audit = await AuditAsync(article.Id);
        Assert.Equal(1, audit.Count(a => a == AuditActions.CommentsClosed));
        Assert.Equal(1, audit.Count(a => a == AuditActions.CommentsOpened));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateReaderClient().GetAsync($"/articles/{article.Slug}")).StatusCode);
        Assert.NotNull((await factory.CreateReaderClient().GetDocumentAsync($"/articles/{article.Slug}")).QuerySelector("form.comment-form"));
    }

    [Fact]
    public async Task An_author_sees_no_checkbox_and_cannot_close_comments_by_posting_the_field()
    {
        var author = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var created = await author.SubmitAsync("/admin/articles/new", EditorForm, new() { ["Form.Headline"] = "An author's own draft", ["Form.BodyMarkdown"] = "Body." });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);

        var page = await author.PageAsync($"/admin/articles/{id}/edit");
        Assert.Null(page.QuerySelector("[name='Form.CommentsClosed']"));
        var response = await author.SubmitAsync(page, EditorForm, new() { ["Form.CommentsClosed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await ClosedAsync(id));
    }
}
