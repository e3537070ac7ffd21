using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Search.Postgres;

/// <summary>PostgreSQL's <see cref="ISearchIndex"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresSearchIndex(NewsPortalDbContext db) : ISearchIndex
{
    private const string NotYet = "PostgresSearchIndex is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task ReplaceAsync(int articleId, SearchDocument? document, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<int> RebuildAsync(IAsyncEnumerable<IReadOnlyList<SearchDocument>> batches, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
