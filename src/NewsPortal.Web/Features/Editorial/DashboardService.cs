using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Editorial;

public sealed record DashboardSummary(
    IReadOnlyDictionary<ArticleStatus, int> Counts,
    IReadOnlyList<ArticleListItem> AwaitingReview,
    IReadOnlyList<ArticleListItem> Scheduled,
    IReadOnlyList<ArticleListItem> Recent);

/// <summary>The admin start page: what needs attention, for everyone or only an Author's own articles.</summary>
public sealed class DashboardService(NewsPortalDbContext db)
{
    public async Task<DashboardSummary> GetAsync(Editor editor, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking();
        if (!editor.CanPublish)
        {
            articles = articles.Where(a => a.AuthorId == editor.AuthorId);
        }
        var counts = await articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var submittedIds = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Article) && e.Action == AuditActions.Submitted)
            .OrderByDescending(e => e.Id).Select(e => e.EntityId!).Take(200).ToListAsync(cancellationToken);
        var ids = submittedIds.Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Distinct().ToList();

        return new DashboardSummary(
            counts.ToDictionary(c => c.Key, c => c.Count),
            await ItemsAsync(articles.Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Draft), 20, cancellationToken),
            await ItemsAsync(articles.Where(a => a.Status == ArticleStatus.Scheduled), 20, cancellationToken, byPublishTime: true),
            await ItemsAsync(articles, 10, cancellationToken));
    }

    private static Task<List<ArticleListItem>> ItemsAsync(IQueryable<Article> query, int count, CancellationToken cancellationToken, bool byPublishTime = false) =>
        (byPublishTime ? query.OrderBy(a => a.PublishedAt) : query.OrderByDescending(a => a.UpdatedAt))
            .Take(count)
            .Select(a => new ArticleListItem(a.Id, a.Slug, a.Headline, a.Kind, a.Status, a.Author!.Name, a.Section!.Name, a.PublishedAt, a.UpdatedAt, a.Language))
            .ToListAsync(cancellationToken);
}
