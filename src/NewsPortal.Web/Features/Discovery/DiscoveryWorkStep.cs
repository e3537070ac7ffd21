using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Caching;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Discovery;

/// <summary>
/// The derived work of one changed article, done from its current state (so coalesced changes need nothing more):
/// its search-index entry, its automatic related picks and those of its closest neighbours (which may now include
/// it), then the cached pages that showed the old picks or results: its own, the neighbours', search.
/// </summary>
public sealed class DiscoveryWorkStep(NewsPortalDbContext db, SearchIndexer indexer, AutomaticRelatedService related, IOutputCacheStore pages)
    : IDerivedWorkStep
{
    /// <summary>How many of a changed article's picks get their own picks refreshed too.</summary>
    private const int NeighboursRefreshed = 5;

    public async Task RunAsync(DerivedWorkItem item, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == item.ArticleId)
            .Select(a => new { a.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            await indexer.RemoveAsync(item.ArticleId, cancellationToken);
            await related.RemoveAsync(item.ArticleId, cancellationToken);
            await pages.EvictByTagAsync(PageCacheTags.Search, cancellationToken);
            return;
        }

        // Adds, replaces or removes the entry as the article's status says; picks likewise (none unless published).
        await indexer.IndexAsync(item.ArticleId, cancellationToken);
        var picks = await related.ComputeAsync(item.ArticleId, cancellationToken);
        List<int> neighbours = [];
        if (picks.Count == 0)
        {
            // Not public (any more): no article may keep it among its picks.
            await related.RemoveAsync(item.ArticleId, cancellationToken);
        }
        else
        {
            neighbours = [.. picks.Take(NeighboursRefreshed).Select(p => p.ArticleId)];
            foreach (var neighbour in neighbours)
            {
                await related.ComputeAsync(neighbour, cancellationToken);
            }
        }

        var slugs = neighbours.Count == 0
            ? []
            : await db.Articles.AsNoTracking().Where(a => neighbours.Contains(a.Id)).Select(a => a.Slug).ToListAsync(cancellationToken);
        await pages.EvictByTagAsync(PageCacheTags.Search, cancellationToken);
        foreach (var slug in slugs.Append(article.Slug))
        {
            await pages.EvictByTagAsync(PageCacheTags.Article(slug), cancellationToken);
        }
    }
}
