using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// The article page's comments: the approved ones the article page already loaded (oldest first), plus this
/// browser's own pending ones — the only query of its own, and only for a reader holding the comment cookie.
/// </summary>
public sealed class CommentThreads(NewsPortalDbContext db, IOptions<CommentsOptions> options)
{
    public async Task<CommentThread> GetAsync(ArticlePage article, IReadOnlyList<int> ownIds, CancellationToken cancellationToken)
    {
        var approved = article.Comments.Select(c => new CommentItem(c.Id, c.DisplayName, CommentText.ToHtml(c.Body), c.CreatedAt)).ToList();
        IReadOnlyList<CommentItem> pending = [];
        if (ownIds.Count > 0)
        {
            var articleId = article.Id;
            var rows = await db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Pending && ownIds.Contains(c.Id))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.DisplayName, c.Body, c.CreatedAt })
                .ToListAsync(cancellationToken);
            pending = rows.Select(c => new CommentItem(c.Id, c.DisplayName, CommentText.ToHtml(c.Body), c.CreatedAt)).ToList();
        }
        return new CommentThread(article.Id, article.Slug, approved, pending, article.CommentsClosed,
            options.Value.MaxLength, options.Value.Moderation == CommentModeration.HoldAll);
    }
}
