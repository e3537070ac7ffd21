using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Articles.Sqlite;

/// <summary>
/// Listing ids on SQLite: an OFFSET over index entries only, so page 200 stays fast. Home, section
/// and author pages read the (…, Status, PublishedAt) indexes on Articles; tag pages read the
/// (tag, status, time) index on ArticleTags, whose copies SQLite triggers keep, and never visit the
/// articles they skip.
/// </summary>
public sealed class SqliteListingIds(NewsPortalDbContext db) : IListingIds
{
    public Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        ListingKeys.CountAsync(db, scope, publishedBy, cancellationToken);

    public Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        ListingKeys.PageAsync(db, scope, publishedBy, skip, take, cancellationToken);

    /// <summary>One bounded index range per author, in one statement.</summary>
    public async Task<List<int>> LatestColumnsAsync(IReadOnlyList<int> authorIds, DateTime publishedBy, int perAuthor, CancellationToken cancellationToken)
    {
        if (authorIds.Count == 0)
        {
            return [];
        }
        var parameters = new List<object>
        {
            new SqliteParameter("$now", publishedBy),
            new SqliteParameter("$kind", nameof(ArticleKind.Column)),
            new SqliteParameter("$limit", perAuthor),
        };
        var parts = new List<string>();
        for (var i = 0; i < authorIds.Count; i++)
        {
            parameters.Add(new SqliteParameter("$a" + i, authorIds[i]));
            parts.Add($"""
                SELECT "Value" FROM (SELECT "Id" AS "Value" FROM "Articles"
                WHERE "AuthorId" = $a{i} AND {PublishedRule.Sql("$now")} AND "Kind" = $kind
                ORDER BY "PublishedAt" DESC, "Id" DESC LIMIT $limit)
                """);
        }
        return await db.Database.SqlQueryRaw<int>(string.Join("\nUNION ALL\n", parts), [.. parameters]).ToListAsync(cancellationToken);
    }
}
