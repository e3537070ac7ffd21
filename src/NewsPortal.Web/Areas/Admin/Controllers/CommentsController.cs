using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Web.Areas.Admin.Controllers;

/// <summary>The moderation queue. Editors and admins moderate; authors cannot.</summary>
[Authorize(Policy = Policies.Publisher)]
public class CommentsController(CommentModerationService moderation) : AdminController
{
    [HttpGet("/admin/comments")]
    public async Task<IActionResult> Index(string? status, string? article, string? page, CancellationToken cancellationToken)
    {
        if (!TryReadEnum<CommentStatus>(status, out var tab) || !TryReadId(article, out var articleId) || !TryReadId(page, out var pageNumber))
        {
            return BadRequest();
        }
        ArticleCommentState? filter = null;
        if (articleId is { } id && (filter = await moderation.FindArticleAsync(id, cancellationToken)) is null)
        {
            return NotFound();
        }
        var current = tab ?? CommentStatus.Pending;
        var list = await moderation.ListAsync(current, articleId, pageNumber ?? 1, cancellationToken);
        return View(new CommentsPage(list, current, filter));
    }

    [HttpPost("/admin/comments/bulk")]
    public Task<IActionResult> Bulk([FromForm] int[]? ids, string? operation, string? returnUrl, CancellationToken cancellationToken) =>
        ModerateAsync(ids ?? [], operation, returnUrl, cancellationToken);

    [HttpPost("/admin/comments/{id:int}/{operation}")]
    public Task<IActionResult> One(int id, string operation, string? returnUrl, CancellationToken cancellationToken) =>
        ModerateAsync([id], operation, returnUrl, cancellationToken);

    [HttpPost("/admin/comments/articles/{articleId:int}/{state:regex(^(open|close)$)}")]
    public async Task<IActionResult> Article(int articleId, string state, string? returnUrl, CancellationToken cancellationToken)
    {
        var closed = state == "close";
        if (!await moderation.SetClosedAsync(await EditorAsync(cancellationToken), articleId, closed, cancellationToken))
        {
            return NotFound();
        }
        Flash(closed ? "Comments are closed on this article." : "Comments are open on this article.");
        return LocalRedirect(Back(returnUrl));
    }

    private async Task<IActionResult> ModerateAsync(int[] ids, string? operation, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!TryReadEnum<ModerationOperation>(operation, out var op) || op is null)
        {
            return BadRequest();
        }
        if (ids.Length == 0)
        {
            FlashError("Select at least one comment.");
            return LocalRedirect(Back(returnUrl));
        }
        var done = await moderation.ModerateAsync(await EditorAsync(cancellationToken), ids, op.Value, cancellationToken);
        var verb = op switch
        {
            ModerationOperation.Approve => "approved",
            ModerationOperation.Spam => "marked as spam",
            _ => "deleted",
        };
        Flash($"{done} {(done == 1 ? "comment" : "comments")} {verb}.");
        return LocalRedirect(Back(returnUrl));
    }

    private string Back(string? returnUrl) =>
        returnUrl is { Length: <= 500 } && returnUrl.StartsWith("/admin/comments", StringComparison.Ordinal) && Url.IsLocalUrl(returnUrl)
            ? returnUrl
            : "/admin/comments";
}
