using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// What readers see of comments. The article page's block: the first approved ones the article page already loaded
/// (oldest first, <c>Comments:PageSize</c> of them) with the total, plus this browser's own pending ones — the only
/// query of its own, and only for a reader holding the comment cookie. The discussion pages: every approved comment,
/// a page at a time.
/// </summary>
public sealed class CommentThreads(NewsPortalDbContext db, PublishedArticles published, IOptions<CommentsOptions> options)
{
    private int PageSize => options.Value.PageSize;

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
            pending = rows.Select(c => new CommentItem(c.Id, c.DisplayName, CommentText.ToHtml(c.Body), c.CreatedAt, Pending: true)).ToList();
        }
        var more = article.CommentCount > approved.Count ? CommentDiscussion.PathFor(article.Slug) : null;
        return new CommentThread(article.Id, article.Slug, approved, article.CommentCount, pending, article.CommentsClosed,
            options.Value.MaxLength, options.Value.Moderation == CommentModeration.HoldAll, more);
    }

    /// <summary>
    /// Page <paramref name="page"/> of a published article's approved comments, oldest first; null for an article
    /// readers may not see and for a page past the last (an article without comments still has its first page).
    /// </summary>
    public async Task<CommentDiscussion?> GetDiscussionAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var article = await published.Query().Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Slug, a.Kind, a.Headline, AuthorName = a.Author!.Name, a.Language })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var articleId = article.Id;
        var approved = db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved);
        var total = await approved.CountAsync(cancellationToken);
        var totalPages = Paging.PageCount(total, PageSize);
        if (page > totalPages)
        {
            return null;
        }
        var rows = await approved
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new { c.Id, c.DisplayName, c.Body, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var comments = rows.Select(c => new CommentItem(c.Id, c.DisplayName, CommentText.ToHtml(c.Body), c.CreatedAt)).ToList();
        return new CommentDiscussion(article.Slug, ArticleHeadline.Display(article.Kind, article.AuthorName, article.Headline),
            article.Language, total, comments, page, totalPages);
    }
}
