using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Articles;

public sealed record SectionLink(string Slug, string Name);

/// <summary>The site's section navigation; sections rarely change, so it is cached briefly.</summary>
public sealed class SectionNavigation(NewsPortalDbContext db, IMemoryCache cache)
{
    public const string CacheKey = "site:sections";

    public async Task<IReadOnlyList<SectionLink>> GetSectionsAsync(CancellationToken cancellationToken)
    {
        var sections = await cache.GetOrCreateAsync(CacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Sections.AsNoTracking()
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new SectionLink(s.Slug, s.Name))
                .ToListAsync(cancellationToken);
        });
        return sections ?? [];
    }
}
