using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Sitemaps.Postgres;

/// <summary>PostgreSQL's <see cref="ISitemapPages"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresSitemapPages(NewsPortalDbContext db) : ISitemapPages
{
    private const string NotYet = "PostgresSitemapPages is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task<IReadOnlyList<SitemapRow>> ArticlesAsync(DateTime publishedBy, int offset, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
