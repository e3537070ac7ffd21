using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Operations.Generator;

public sealed record GeneratorOptions(int Articles, int Seed = 42, int BodyPoolSize = 3000);

public sealed record GeneratorSummary(
    int Articles, int Published, int Authors, int Tags, int ArticleTags, int RelatedLinks, int Comments, TimeSpan Elapsed);

/// <summary>
/// Fills the database with a realistic archive for load tests and demos: English and Korean
/// articles over three years, authors and columnists, hashtags, curated related links and comments.
/// The <see cref="ArticlePlanner"/> decides the rows, the <see cref="IBulkArticleWriter"/> writes
/// them in large batches; the derived fields (HTML, excerpt, key points, reading time) come from
/// <see cref="ArticleContentService"/> itself, computed once per distinct body of the <see cref="BodyPool"/>.
/// </summary>
public sealed class ArticleGenerator(
    NewsPortalDbContext db,
    ArticleContentService content,
    ReferenceDataPreparer referenceData,
    IBulkArticleWriter bulkWriter,
    IPlannerStatistics plannerStatistics,
    TimeProvider clock)
{
    private const int BatchSize = 5000;
    private const int ProgressEvery = 10_000;

    public async Task<GeneratorSummary> GenerateAsync(GeneratorOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Articles, 1);
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var now = clock.GetUtcNow().UtcDateTime;

        var reference = await referenceData.PrepareAsync(random, cancellationToken);
        progress.WriteLine($"Reference data: {reference.Sections.Count} sections, {reference.Authors.Count} authors, {reference.TagCount} tags.");

        var pool = BodyPool.Build(options, content, progress);
        var existingSlugs = (await db.Articles.Select(a => a.Slug).Union(db.ArticleSlugRedirects.Select(r => r.Slug))
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var firstId = (await db.Articles.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0) + 1;
        var planner = new ArticlePlanner(options, reference, pool, now, existingSlugs, firstId, random);

        var counts = new Counts();
        var batch = new List<PlannedArticle>(Math.Min(BatchSize, options.Articles));
        await using (var session = await bulkWriter.OpenAsync(cancellationToken))
        {
            for (var i = 0; i < options.Articles; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var planned = planner.Plan(i);
                counts.Add(planned);
                batch.Add(planned);

                if (batch.Count == BatchSize || i == options.Articles - 1)
                {
                    await session.WriteBatchAsync(batch, cancellationToken);
                    batch.Clear();
                }
                if ((i + 1) % ProgressEvery == 0 || i == options.Articles - 1)
                {
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {i + 1,9:N0} / {options.Articles:N0} articles  ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
                }
            }
        }

        progress.WriteLine("Updating query planner statistics (ANALYZE) …");
        // The search index is filled after this (or later by reindex): statistics taken now would describe it as empty.
        await plannerStatistics.AnalyzeAllButSearchIndexAsync(cancellationToken);
        return new GeneratorSummary(counts.Articles, counts.Published, reference.Authors.Count + reference.Columnists.Count,
            reference.TagCount, counts.ArticleTags, counts.RelatedLinks, counts.Comments, stopwatch.Elapsed);
    }

    private sealed class Counts
    {
        public int Articles { get; private set; }
        public int Published { get; private set; }
        public int ArticleTags { get; private set; }
        public int RelatedLinks { get; private set; }
        public int Comments { get; private set; }

        public void Add(PlannedArticle planned)
        {
            Articles++;
            if (planned.Article.Status == Domain.ArticleStatus.Published)
            {
                Published++;
            }
            ArticleTags += planned.TagIds.Count;
            RelatedLinks += planned.RelatedArticleIds.Count;
            Comments += planned.Comments.Count;
        }
    }
}
