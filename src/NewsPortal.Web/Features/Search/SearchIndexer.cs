using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Keeps the search index in step with the articles: a published article (even one scheduled for
/// later — readers' queries filter by time) is in the index with its headline, dek, plain-text
/// body, tag names and author name; anything else is not.
/// </summary>
public sealed class SearchIndexer(NewsPortalDbContext db, IMarkdownRenderer markdown, ISearchIndex index, IPlannerStatistics statistics)
{
    private const int BatchSize = 500;

    /// <summary>Adds, replaces or removes one article's entry according to its current state.</summary>
    public async Task IndexAsync(int articleId, CancellationToken cancellationToken)
    {
        var documents = await LoadAsync(db.Articles.AsNoTracking().PublishedAnyTime().Where(a => a.Id == articleId), cancellationToken);
        await index.ReplaceAsync(articleId, documents.FirstOrDefault(), cancellationToken);
    }

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) => index.RemoveAsync(articleId, cancellationToken);

    /// <summary>Whether the index holds anything; cheaper than <see cref="CountAsync"/>.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => index.AnyAsync(cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => index.CountAsync(cancellationToken);

    /// <summary>Removes planner statistics that would make index merges scan the whole index (see <see cref="IPlannerStatistics"/>).</summary>
    public Task<bool> ForgetPlannerStatisticsAsync(CancellationToken cancellationToken) => statistics.ForgetSearchIndexStatisticsAsync(cancellationToken);

    /// <summary>Empties the index and fills it from every published article, in batches.</summary>
    /// <param name="progress">Told the running count after each batch.</param>
    public async Task<int> RebuildAsync(Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking().PublishedAnyTime();
        var total = await published.CountAsync(cancellationToken);
        await ForgetPlannerStatisticsAsync(cancellationToken);
        return await index.RebuildAsync(BatchesAsync(published, total, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Published articles in id order, a batch at a time; progress is told once the index has taken a batch and asks for the next.</summary>
    private async IAsyncEnumerable<IReadOnlyList<SearchDocument>> BatchesAsync(
        IQueryable<Article> published, int total, Action<int, int>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        var done = 0;
        while (true)
        {
            var after = lastId;
            var batch = await LoadAsync(published.Where(a => a.Id > after).OrderBy(a => a.Id).Take(BatchSize), cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            yield return batch;
            lastId = batch[^1].Id;
            done += batch.Count;
            progress?.Invoke(done, total);
        }
    }

    private async Task<List<SearchDocument>> LoadAsync(IQueryable<Article> query, CancellationToken cancellationToken)
    {
        var rows = await query.Select(a => new { a.Id, a.Headline, a.Dek, a.BodyMarkdown, AuthorName = a.Author!.Name }).ToListAsync(cancellationToken);
        // Tags by id in a second query: a collection join would make SQLite join all of ArticleTags first.
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.ArticleTags.AsNoTracking()
                .Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.Tag!.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.ArticleId, t => t.Name);
        return rows.Select(r => new SearchDocument(
                r.Id,
                MarkedText.Clean(r.Headline),
                MarkedText.Clean(r.Dek),
                MarkedText.Clean(markdown.ToPlainText(r.BodyMarkdown)),
                MarkedText.Clean(string.Join(' ', tags[r.Id].Order(StringComparer.Ordinal))),
                MarkedText.Clean(r.AuthorName)))
            .ToList();
    }
}
