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
    /// <summary>What a listing pages through: article ids with their publish time.</summary>
    private sealed class ListingKey
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    public Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        Keys(scope, publishedBy).CountAsync(cancellationToken);

    public Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        Keys(scope, publishedBy)
            .OrderByDescending(k => k.PublishedAt).ThenByDescending(k => k.Id)
            .Skip(skip)
            .Take(take)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);

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
