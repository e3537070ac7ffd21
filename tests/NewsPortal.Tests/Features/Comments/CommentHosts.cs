using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Features.Comments;

/// <summary>The portal with the output cache on and a comment limit no test reaches (every test client shares one address).</summary>
public sealed class CommentsPortalFactory() : NewsPortalFactory(new PortalOptions
{
    OutputCache = true,
    Settings = new Dictionary<string, string?> { ["Comments:PermitLimit"] = "100000" },
});

/// <summary>The portal with the output cache on and three comments a page, so a handful of comments fill several pages.</summary>
public sealed class CommentPagesPortalFactory() : NewsPortalFactory(new PortalOptions
{
    OutputCache = true,
    RecordSql = true,
    Settings = new Dictionary<string, string?> { ["Comments:PermitLimit"] = "100000", ["Comments:PageSize"] = "3" },
});

/// <summary>The portal with the real per-address limit: 10 comments a minute.</summary>
public sealed class CommentLimitPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Comments:PermitLimit"] = "10", ["Comments:WindowSeconds"] = "60", ["Comments:MinFillSeconds"] = "0" },
});

/// <summary>For the load test: the limit raised, no minimum fill time.</summary>
public sealed class CommentLoadPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Comments:PermitLimit"] = "1000000", ["Comments:MinFillSeconds"] = "0" },
});

/// <summary>A reader in a browser: fills the comment form the way a person does, after a few seconds.</summary>
public static class CommentReader
{
    public static async Task<Article> NewArticleAsync(this NewsPortalFactory factory) =>
        await factory.WithDbAsync(db => ArticleBuilder.Article().SaveAsync(db, factory.Clock));

    public static Dictionary<string, string> Fields(string body, string name = "Reader", string email = "reader@example.test") =>
        new() { ["Name"] = name, ["Email"] = email, ["Body"] = body };

    /// <summary>Opens the comment page (form with token), waits past the minimum fill time, posts.</summary>
    public static async Task<HttpResponseMessage> PostCommentAsync(this NewsPortalFactory factory, AdminSession reader, string slug, Dictionary<string, string> values)
    {
        var page = await reader.PageAsync($"/articles/{slug}/comments");
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        return await reader.SubmitAsync(page, "form[data-comment-form]", values);
    }

    /// <summary>The id in the redirect to <c>/articles/{slug}#comment-{id}</c>.</summary>
    public static int CommentId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var at = location.IndexOf("#comment-", StringComparison.Ordinal);
        Assert.True(at > 0, location);
        return int.Parse(location[(at + "#comment-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<Comment?> FindCommentAsync(this NewsPortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    public static Task<int> CountCommentsAsync(this NewsPortalFactory factory, int articleId) =>
        factory.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == articleId));

    /// <summary>An editor's action in /admin/comments: ticks the comment and presses the bulk button.</summary>
    public static async Task ModerateAsync(this AdminSession editor, int commentId, string operation, string status = "pending")
    {
        var page = await editor.PageAsync($"/admin/comments?status={status}");
        var response = await editor.SubmitAsync(page, "form.moderation", new() { ["ids"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["operation"] = operation });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static IHtmlTextAreaElement BodyField(IHtmlDocument page) =>
        (IHtmlTextAreaElement)page.QuerySelector("form[data-comment-form] textarea[name='Body']")!;
}
