using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Sitemaps.Postgres;

/// <summary>
/// Sitemap rows on PostgreSQL: the partial index IX_Articles_Sitemap (published, not syndicated) leads with
/// <c>"Id"</c> and holds every column read, so the planner walks it in id order as an Index Only Scan; no hint
/// is needed (PostgreSQL has none), only the index's own condition written out so the planner can match it.
/// </summary>
public sealed class PostgresSitemapPages(NewsPortalDbContext db) : ISitemapPages
{
    private static readonly string Sql = $"""
        SELECT "Slug", "PublishedAt", "RevisedAt" FROM "Articles"
        WHERE {PublishedRule.Sql("{0}")} AND "OriginalUrl" IS NULL
        ORDER BY "Id" LIMIT {"{1}"} OFFSET {"{2}"}
        """;

    public async Task<IReadOnlyList<SitemapRow>> ArticlesAsync(DateTime publishedBy, int offset, int count, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<SitemapRow>(FormattableStringFactory.Create(Sql, Utc(publishedBy), count, offset))
            .ToListAsync(cancellationToken);

    /// <summary>Npgsql binds only UTC times to <c>timestamp with time zone</c>; the portal's clock is UTC.</summary>
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
