using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Imports;

/// <summary>Where an old address of an imported article leads now: the article's page, while readers may see it.</summary>
public sealed class LegacyPermalinkLookup(NewsPortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The current address ("/articles/{slug}") for the first of <paramref name="pathKey"/> and <paramref name="idKey"/>
    /// that is known, in one query on the unique path index; null when neither is, or the article is not public.
    /// </summary>
    public async Task<string?> FindAsync(string? pathKey, string? idKey, CancellationToken cancellationToken)
    {
        if (pathKey is null && idKey is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hits = await db.LegacyPermalinks.AsNoTracking()
            .Where(p => p.Path == pathKey || p.Path == idKey)
            .Where(p => p.Article!.Status == ArticleStatus.Published && p.Article.PublishedAt <= now)
            .Select(p => new { p.Path, p.Article!.Slug })
            .ToListAsync(cancellationToken);
        var hit = hits.FirstOrDefault(h => h.Path == pathKey) ?? hits.FirstOrDefault();
        // Slugs are a–z, digits and hyphens: the address needs no escaping, and it is relative (never the Host header).
        return hit is null ? null : "/articles/" + hit.Slug;
    }
}
