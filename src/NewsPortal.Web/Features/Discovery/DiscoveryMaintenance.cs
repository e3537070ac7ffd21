using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.KeyPoints;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Discovery;

public sealed record ReindexSummary(int Indexed, int RelatedComputed, int RelatedLinks, int KeyPointsUpdated, TimeSpan Elapsed);

/// <summary>What <c>reindex</c> rebuilds; <see cref="Newest"/> limits key points and related picks to the newest published articles.</summary>
public sealed record ReindexOptions(bool Search = true, bool KeyPoints = true, bool Related = true, int? Newest = null)
{
    public static ReindexOptions All { get; } = new();
}

/// <summary>Rebuilds everything derived for discovery: the search index, automatic related picks and key points.</summary>
public sealed class DiscoveryMaintenance(
    IServiceScopeFactory scopes,
    IOptions<KeyPointsOptions> keyPoints,
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
        var publishedArticles = db.Articles.PublishedAnyTime();
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
            var (computed, links) = await ComputeRelatedAsync(null, null, cancellationToken);
            logger.LogInformation("Computed automatic related articles for {Count} articles ({Links} links) in {Elapsed} ms", computed, links, watch.ElapsedMilliseconds);
        }
    }

    public Task<ReindexSummary> ReindexAsync(TextWriter output, CancellationToken cancellationToken) =>
        ReindexAsync(ReindexOptions.All, output, cancellationToken);

    public async Task<ReindexSummary> ReindexAsync(ReindexOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var indexed = 0;
        if (options.Search)
        {
            await using var scope = scopes.CreateAsyncScope();
            output.WriteLine("Search index: rebuilding …");
            indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(
                (done, total) => Report(output, "Search index", done, total), cancellationToken);
        }
        var keyPoints = 0;
        if (options.KeyPoints)
        {
            output.WriteLine("Key points: recomputing …");
            keyPoints = await RecomputeKeyPointsAsync(options.Newest, output, cancellationToken);
        }
        var (computed, links) = (0, 0);
        if (options.Related)
        {
            output.WriteLine("Automatic related articles: recomputing …");
            (computed, links) = await ComputeRelatedAsync(output, options.Newest, cancellationToken);
        }
        return new ReindexSummary(indexed, computed, links, keyPoints, watch.Elapsed);
    }

    /// <summary>Published article ids, oldest first; with <paramref name="newest"/>, only that many of the most recently published.</summary>
    private static Task<List<int>> PublishedIdsAsync(NewsPortalDbContext db, int? newest, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking().PublishedAnyTime();
        return newest is { } count
            ? published.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(count).Select(a => a.Id).ToListAsync(cancellationToken)
            : published.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
    }

    private async Task<(int Computed, int Links)> ComputeRelatedAsync(TextWriter? output, int? newest, CancellationToken cancellationToken)
    {
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            ids = await PublishedIdsAsync(db, newest, cancellationToken);
            // Picks of articles that are no longer published are dropped in one go.
            await db.AutomaticRelatedLinks.Where(r => !db.Articles.PublishedAnyTime().Any(a => a.Id == r.ArticleId)).ExecuteDeleteAsync(cancellationToken);
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

    private async Task<int> RecomputeKeyPointsAsync(int? newest, TextWriter output, CancellationToken cancellationToken)
    {
        var count = keyPoints.Value.Count;
        var updated = 0;
        var lastId = 0;
        int total;
        List<int>? only = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            if (newest is not null)
            {
                only = (await PublishedIdsAsync(db, newest, cancellationToken)).Order().ToList();
            }
            total = only?.Count ?? await db.Articles.CountAsync(cancellationToken);
        }
        var done = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            var markdown = scope.ServiceProvider.GetRequiredService<IMarkdownRenderer>();
            var after = lastId;
            var articles = db.Articles.Where(a => a.Id > after);
            if (only is not null)
            {
                var ids = only.Where(id => id > after).Take(Batch).ToList();
                articles = articles.Where(a => ids.Contains(a.Id));
            }
            var batch = await articles.OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
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
