using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// The moderation queue: lists, approve / spam / delete (one or many), close and open an article's comments.
/// Every action is in the audit log; the article page is evicted from the cache only when what readers see changed.
/// </summary>
public sealed class CommentModerationService(NewsPortalDbContext db, AuditLog audit, CommentPageEviction eviction, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxBulk = 500;

    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);

    public async Task<ModerationList> ListAsync(CommentStatus status, int? articleId, int page, CancellationToken cancellationToken)
    {
        var scope = db.Comments.AsNoTracking();
        if (articleId is { } id)
        {
            scope = scope.Where(c => c.ArticleId == id);
        }
        var counts = await scope.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(CommentStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;

        var inStatus = scope.Where(c => c.Status == status);
        // Pending: oldest first, the queue's order; approved and spam: newest first.
        inStatus = status == CommentStatus.Pending
            ? inStatus.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            : inStatus.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
        var rows = await inStatus
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new ModerationRow(c.Id, c.ArticleId, c.Article!.Slug, c.Article.Headline, c.Article.CommentsClosed,
                c.DisplayName, c.Email, c.Body, c.Status, c.CreatedAt, c.ModeratedBy, c.ModeratedAt))
            .ToListAsync(cancellationToken);
        return new ModerationList(rows, page, Paging.PageCount(Count(status), PageSize),
            Count(CommentStatus.Pending), Count(CommentStatus.Approved), Count(CommentStatus.Spam));
    }

    public Task<ArticleCommentState?> FindArticleAsync(int articleId, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new ArticleCommentState(a.Id, a.Slug, a.Headline, a.CommentsClosed))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Applies <paramref name="operation"/> to the comments with these ids; returns how many there were.</summary>
    public async Task<int> ModerateAsync(Editor editor, IReadOnlyCollection<int> ids, ModerationOperation operation, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i > 0).Distinct().Take(MaxBulk).ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }
        var comments = await db.Comments.Where(c => wanted.Contains(c.Id)).Include(c => c.Article).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changedSlugs = new List<string>();
        foreach (var comment in comments)
        {
            var wasShown = comment.Status == CommentStatus.Approved;
            bool isShown;
            switch (operation)
            {
                case ModerationOperation.Approve or ModerationOperation.Spam:
                    var approved = operation == ModerationOperation.Approve;
                    comment.Status = approved ? CommentStatus.Approved : CommentStatus.Spam;
                    comment.ModeratedBy = editor.Name;
                    comment.ModeratedAt = now;
                    isShown = approved;
                    audit.Add(editor, approved ? AuditActions.CommentApproved : AuditActions.CommentSpam, nameof(Comment), comment.Id, Describe(comment));
                    break;
                default:
                    db.Comments.Remove(comment);
                    isShown = false;
                    audit.Add(editor, AuditActions.CommentDeleted, nameof(Comment), comment.Id, Describe(comment));
                    break;
            }
            if (wasShown != isShown && comment.Article is { } article)
            {
                changedSlugs.Add(article.Slug);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await eviction.EvictAsync(changedSlugs, cancellationToken);
        return comments.Count;
    }

    /// <summary>Closes or opens an article to new comments; false when there is no such article.</summary>
    public async Task<bool> SetClosedAsync(Editor editor, int articleId, bool closed, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return false;
        }
        if (article.CommentsClosed != closed)
        {
            article.CommentsClosed = closed;
            audit.Add(editor, closed ? AuditActions.CommentsClosed : AuditActions.CommentsOpened, nameof(Article), article.Id, article.Slug);
            await db.SaveChangesAsync(cancellationToken);
            await eviction.EvictAsync([article.Slug], cancellationToken);
        }
        return true;
    }

    private static string Describe(Comment comment) =>
        $"On {comment.Article?.Slug}: {comment.DisplayName}: {(comment.Body.Length > 120 ? comment.Body[..120] + "…" : comment.Body)}";
}
