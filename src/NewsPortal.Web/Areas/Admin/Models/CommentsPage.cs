using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Web.Areas.Admin.Models;

/// <summary>The moderation queue: one tab (pending, approved or spam), optionally one article's comments only.</summary>
public sealed record CommentsPage(ModerationList List, CommentStatus Status, ArticleCommentState? Article)
{
    /// <summary>This tab's address at <paramref name="page"/>, keeping the article filter.</summary>
    public string Url(CommentStatus status, int page = 1)
    {
        var parts = new List<string> { "status=" + status.ToString().ToLowerInvariant() };
        if (Article is not null)
        {
            parts.Add("article=" + Article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (page > 1)
        {
            parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "/admin/comments?" + string.Join('&', parts);
    }
}
