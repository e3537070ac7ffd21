namespace NewsPortal.Web.Features.Search;

/// <summary>One published article as the index stores it: plain text, already cleaned of control characters.</summary>
public sealed record SearchDocument(int Id, string Headline, string Dek, string Body, string Tags, string Author);

/// <summary>
/// The write side of the full-text index, one entry per published article keyed by its id. The
/// indexer decides what goes in; this only stores it.
/// </summary>
public interface ISearchIndex
{
    /// <summary>In one transaction: removes the article's entry, then stores <paramref name="document"/> when there is one.</summary>
    Task ReplaceAsync(int articleId, SearchDocument? document, CancellationToken cancellationToken);

    Task RemoveAsync(int articleId, CancellationToken cancellationToken);

    /// <summary>Whether the index holds anything, without counting it.</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Empties the index and stores each batch in its own transaction as the batches come (the next
    /// one is asked for only after the previous is committed), then compacts the index.
    /// </summary>
    /// <returns>How many documents were stored.</returns>
    Task<int> RebuildAsync(IAsyncEnumerable<IReadOnlyList<SearchDocument>> batches, CancellationToken cancellationToken);
}
