namespace NewsPortal.Web.Features.Search;

/// <summary>The text an article has in the index, as stored (plain, unmarked).</summary>
public sealed record StoredSearchText(string Headline, string Dek, string Body, string Tags);

/// <summary>The read side of the full-text index: candidate ids for a query and the stored text of a page of them.</summary>
public interface ISearchQueries
{
    /// <summary>
    /// Articles containing every long term (and every short one), taken from the newest
    /// <paramref name="window"/> matches and ordered by relevance (headline weighs most, then dek,
    /// tags, author, body), newest first among equals; at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, int window, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// For a query of short terms only: which of the newest <paramref name="window"/> published
    /// articles contain every term, newest first; at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<int>> RecentIdsAsync(SearchQuery query, DateTime publishedBy, int window, int limit, CancellationToken cancellationToken);

    /// <summary>The stored text of each of <paramref name="ids"/> that is in the index.</summary>
    Task<Dictionary<int, StoredSearchText>> StoredTextAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken);
}
