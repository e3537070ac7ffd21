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
    /// <summary>What a listing pages through: article ids with their publish time.</summary>
    private sealed class ListingKey
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    private static readonly string LatestColumnsSql = $"""
        SELECT c."Id" AS "Value" FROM unnest(@authors) AS author("Id")
        CROSS JOIN LATERAL (
            SELECT a."Id" FROM "Articles" AS a
            WHERE a."AuthorId" = author."Id" AND {PublishedRule.Sql("@now", "a")} AND a."Kind" = @kind
            ORDER BY a."PublishedAt" DESC, a."Id" DESC
            LIMIT @limit) AS c
        """;

    public Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        Keys(scope, publishedBy).CountAsync(cancellationToken);

    public Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        Keys(scope, publishedBy)
            .OrderByDescending(k => k.PublishedAt).ThenByDescending(k => k.Id)
            .Skip(skip)
            .Take(take)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);

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

    private IQueryable<ListingKey> Keys(ListingScope scope, DateTime publishedBy)
    {
        if (scope.Kind == ListingKind.Tag)
        {
            var tagId = scope.Id;
            return db.ArticleTags.AsNoTracking().PublishedBy(publishedBy)
                .Where(t => t.TagId == tagId)
                .Select(t => new ListingKey { Id = t.ArticleId, PublishedAt = t.ArticlePublishedAt });
        }
        var articles = db.Articles.AsNoTracking().PublishedBy(publishedBy);
        var id = scope.Id;
        articles = scope.Kind switch
        {
            ListingKind.Section => articles.Where(a => a.SectionId == id),
            ListingKind.Author => articles.Where(a => a.AuthorId == id),
            _ => articles,
        };
        return articles.Select(a => new ListingKey { Id = a.Id, PublishedAt = a.PublishedAt });
    }
}
