using Microsoft.EntityFrameworkCore;
using Npgsql;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Articles.Postgres;

/// <summary>
/// Listing ids on PostgreSQL: the same portable paging as SQLite's (an OFFSET over index entries), read by
/// Index Only Scans of the listing indexes, whose PostgreSQL twins carry <c>"Id"</c> as an INCLUDE column
/// (migration ListingIndexesIncludeId: SQLite's indexes hold the rowid for free, PostgreSQL's do not). Tag
/// pages read the (tag, status, time, article) index on ArticleTags, whose copies the plpgsql triggers keep.
/// Each columnist's latest columns are one LATERAL join, a bounded index range per author.
/// </summary>
public sealed class PostgresListingIds(NewsPortalDbContext db) : IListingIds
{
    private static readonly string LatestColumnsSql = $"""
        SELECT c."Id" AS "Value" FROM unnest(@authors) AS author("Id")
        CROSS JOIN LATERAL (
            SELECT a."Id" FROM "Articles" AS a
            WHERE a."AuthorId" = author."Id" AND {PublishedRule.Sql("@now", "a")} AND a."Kind" = @kind
            ORDER BY a."PublishedAt" DESC, a."Id" DESC
            LIMIT @limit) AS c
        """;

    public Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        ListingKeys.CountAsync(db, scope, publishedBy, cancellationToken);

    public Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        ListingKeys.PageAsync(db, scope, publishedBy, skip, take, cancellationToken);

    public async Task<List<int>> LatestColumnsAsync(IReadOnlyList<int> authorIds, DateTime publishedBy, int perAuthor, CancellationToken cancellationToken)
    {
        if (authorIds.Count == 0)
        {
            return [];
        }
        return await db.Database.SqlQueryRaw<int>(
                LatestColumnsSql,
                new NpgsqlParameter("authors", authorIds.ToArray()),
                new NpgsqlParameter("now", publishedBy.Kind == DateTimeKind.Utc ? publishedBy : DateTime.SpecifyKind(publishedBy, DateTimeKind.Utc)),
                new NpgsqlParameter("kind", nameof(ArticleKind.Column)),
                new NpgsqlParameter("limit", perAuthor))
            .ToListAsync(cancellationToken);
    }
}
