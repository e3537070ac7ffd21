using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Web.Mvc;

/// <summary>The article page's comments block: approved comments, the reader's own pending ones, the form or the closed notice.</summary>
public sealed class CommentsViewComponent(CommentThreads threads, ReaderCommentCookie cookie) : ViewComponent
{
    /// <summary>
    /// A preview of an unpublished article shows its first comments but no form (it takes none) and no link to the
    /// discussion pages (readers cannot see them before it is published).
    /// </summary>
    public async Task<IViewComponentResult> InvokeAsync(ArticlePage article)
    {
        var preview = article.IsPreview;
        var thread = await threads.GetAsync(article, preview ? [] : cookie.Read(HttpContext.Request), HttpContext.RequestAborted);
        if (preview)
        {
            thread = thread with { Closed = true, OwnPending = [], AllCommentsUrl = null };
        }
        return View("~/Views/Articles/_CommentsBlock.cshtml", thread);
    }
}

/// <summary>The number of comments waiting for moderation, shown in the admin navigation.</summary>
public sealed class PendingCommentsViewComponent(CommentModerationService moderation) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = await moderation.PendingCountAsync(HttpContext.RequestAborted);
        return count == 0
            ? Content("")
            : View("~/Areas/Admin/Views/Comments/_PendingCount.cshtml", count);
    }
}
