using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Comments;

/// <summary>The article page's comments: approved ones oldest first, plus this browser's own pending ones.</summary>
public sealed class CommentThreads(NewsPortalDbContext db, IOptions<CommentsOptions> options)
{
    public async Task<CommentThread> GetAsync(int articleId, string slug, IReadOnlyList<int> ownIds, CancellationToken cancellationToken)
    {
        var closed = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.CommentsClosed).FirstOrDefaultAsync(cancellationToken);
        var approved = await Query(db.Comments.Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved), cancellationToken);
        var pending = ownIds.Count == 0
            ? []
            : await Query(db.Comments.Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Pending && ownIds.Contains(c.Id)), cancellationToken);
        return new CommentThread(articleId, slug, approved, pending, closed, options.Value.MaxLength, options.Value.Moderation == CommentModeration.HoldAll);
    }

    private static async Task<IReadOnlyList<CommentItem>> Query(IQueryable<Comment> comments, CancellationToken cancellationToken)
    {
        var rows = await comments.AsNoTracking()
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.DisplayName, c.Body, c.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new CommentItem(c.Id, c.DisplayName, CommentText.ToHtml(c.Body), c.CreatedAt)).ToList();
    }
}
