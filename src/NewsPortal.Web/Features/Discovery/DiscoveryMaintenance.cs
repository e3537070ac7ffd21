using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.KeyPoints;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Discovery;

public sealed record ReindexSummary(int Indexed, int RelatedComputed, int RelatedLinks, int KeyPointsUpdated, TimeSpan Elapsed);

/// <summary>Rebuilds everything derived for discovery: the search index, automatic related picks and key points.</summary>
public sealed class DiscoveryMaintenance(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DiscoveryMaintenance> logger)
{
    private const int Batch = 200;

    /// <summary>Automatic related picks are computed at start-up only for databases up to this size; larger ones use <c>reindex</c>.</summary>
    public const int StartupRelatedLimit = 5000;

    /// <summary>
    /// At start-up: fills an empty search index (e.g. after demo seeding or an import), and the
    /// automatic related picks when there are none yet and the site is small enough to do it now.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        // Bounded checks only: start-up must stay fast on a 100,000-article archive.
        var publishedArticles = db.Articles.Where(a => a.Status == ArticleStatus.Published);
        if (!await publishedArticles.AnyAsync(cancellationToken))
        {
            return;
        }
        var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
        if (await indexer.ForgetPlannerStatisticsAsync(cancellationToken))
        {
            logger.LogWarning("Removed query planner statistics on the search index tables; they made every index merge scan the whole index");
        }
        // Ordered by publish time so SQLite answers from the (Status, PublishedAt) index, not the wide article rows.
        var large = await publishedArticles.OrderBy(a => a.PublishedAt).Skip(StartupRelatedLimit).AnyAsync(cancellationToken);
        if (!await indexer.AnyAsync(cancellationToken))
        {
            if (large)
            {
                // Building the trigram index for a big archive takes many minutes: not at start-up.
                logger.LogWarning("The search index is empty for more than {Count} articles; run the 'reindex' command to build it", StartupRelatedLimit);
                return;
            }
            var watch = Stopwatch.StartNew();
            var indexed = await indexer.RebuildAsync(null, cancellationToken);
            logger.LogInformation("Search index was empty; indexed {Count} published articles in {Elapsed} ms", indexed, watch.ElapsedMilliseconds);
        }
        if (!await db.AutomaticRelatedLinks.AnyAsync(cancellationToken))
        {
            if (large)
            {
                logger.LogWarning("No automatic related articles yet for more than {Count} articles; run the 'reindex' command to compute them", StartupRelatedLimit);
                return;
            }
            var watch = Stopwatch.StartNew();
            var (computed, links) = await ComputeRelatedAsync(null, cancellationToken);
            logger.LogInformation("Computed automatic related articles for {Count} articles ({Links} links) in {Elapsed} ms", computed, links, watch.ElapsedMilliseconds);
        }
    }

    public async Task<ReindexSummary> ReindexAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        int indexed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            output.WriteLine("Search index: rebuilding …");
            indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(
                (done, total) => Report(output, "Search index", done, total), cancellationToken);
        }
        output.WriteLine("Key points: recomputing …");
        var keyPoints = await RecomputeKeyPointsAsync(output, cancellationToken);
        output.WriteLine("Automatic related articles: recomputing …");
        var (computed, links) = await ComputeRelatedAsync(output, cancellationToken);
        return new ReindexSummary(indexed, computed, links, keyPoints, watch.Elapsed);
    }

    private async Task<(int Computed, int Links)> ComputeRelatedAsync(TextWriter? output, CancellationToken cancellationToken)
    {
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            ids = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
            // Picks of articles that are no longer published are dropped in one go.
            await db.AutomaticRelatedLinks.Where(r => !db.Articles.Any(a => a.Id == r.ArticleId && a.Status == ArticleStatus.Published)).ExecuteDeleteAsync(cancellationToken);
        }
        var links = 0;
        for (var start = 0; start < ids.Count; start += Batch)
        {
            await using var scope = scopes.CreateAsyncScope();
            var related = scope.ServiceProvider.GetRequiredService<AutomaticRelatedService>();
            foreach (var id in ids.Skip(start).Take(Batch))
            {
                links += (await related.ComputeAsync(id, cancellationToken)).Count;
            }
            if (output is not null)
            {
                Report(output, "Automatic related", Math.Min(start + Batch, ids.Count), ids.Count);
            }
        }
        return (ids.Count, links);
    }

    private async Task<int> RecomputeKeyPointsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var count = configuration.GetValue("KeyPoints:Count", 3);
        var updated = 0;
        var lastId = 0;
        int total;
        await using (var scope = scopes.CreateAsyncScope())
        {
            total = await scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>().Articles.CountAsync(cancellationToken);
        }
        var done = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            var markdown = scope.ServiceProvider.GetRequiredService<IMarkdownRenderer>();
            var after = lastId;
            var batch = await db.Articles.Where(a => a.Id > after).OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var article in batch)
            {
                var points = string.Join('\n', KeyPointExtractor.Extract(markdown.ToPlainText(article.BodyMarkdown), count));
                if (points != article.KeyPoints)
                {
                    // Only the derived column changes: no new version, no "updated" time for readers.
                    article.KeyPoints = points;
                    db.Entry(article).Property(a => a.Version).IsModified = false;
                    updated++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            lastId = batch[^1].Id;
            done += batch.Count;
            Report(output, "Key points", done, total);
        }
        return updated;
    }

    private static void Report(TextWriter output, string stage, int done, int total) =>
        output.WriteLine($"  {stage}: {done}/{total} ({(total == 0 ? 100 : done * 100 / total)}%)");
}
