using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Articles;

/// <summary>
/// The portable half of <see cref="IListingIds"/>: counting and paging a listing's (id, publish time) keys in LINQ.
/// Both providers' implementations use it; what differs between them (the indexes that keep it index-only, each
/// columnist's latest columns) stays in their own folders.
/// </summary>
internal static class ListingKeys
{
    /// <summary>What a listing pages through: article ids with their publish time.</summary>
    private sealed class ListingKey
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    public static Task<int> CountAsync(NewsPortalDbContext db, ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken) =>
        Keys(db, scope, publishedBy).CountAsync(cancellationToken);

    /// <summary>Newest first; ties: higher id first.</summary>
    public static Task<List<int>> PageAsync(NewsPortalDbContext db, ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken) =>
        Keys(db, scope, publishedBy)
            .OrderByDescending(k => k.PublishedAt).ThenByDescending(k => k.Id)
            .Skip(skip)
            .Take(take)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);

    private static IQueryable<ListingKey> Keys(NewsPortalDbContext db, ListingScope scope, DateTime publishedBy)
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
