using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Articles.Postgres;

/// <summary>PostgreSQL's <see cref="IListingIds"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresListingIds(NewsPortalDbContext db) : IListingIds
{
    private const string NotYet = "PostgresListingIds is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<List<int>> LatestColumnsAsync(IReadOnlyList<int> authorIds, DateTime publishedBy, int perAuthor, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
