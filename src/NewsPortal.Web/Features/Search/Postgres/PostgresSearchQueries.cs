using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Search.Postgres;

/// <summary>PostgreSQL's <see cref="ISearchQueries"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresSearchQueries(NewsPortalDbContext db) : ISearchQueries
{
    private const string NotYet = "PostgresSearchQueries is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, int window, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<IReadOnlyList<int>> RecentIdsAsync(SearchQuery query, DateTime publishedBy, int window, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<Dictionary<int, StoredSearchText>> StoredTextAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
