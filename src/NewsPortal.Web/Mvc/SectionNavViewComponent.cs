using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Mvc;

public sealed record SectionLink(string Slug, string Name);

/// <summary>The site's section navigation; sections rarely change, so it is cached briefly.</summary>
public sealed class SectionNavViewComponent(NewsPortalDbContext db, IMemoryCache cache) : ViewComponent
{
    public const string CacheKey = "site:sections";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var sections = await cache.GetOrCreateAsync(CacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Sections.AsNoTracking()
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new SectionLink(s.Slug, s.Name))
                .ToListAsync(HttpContext.RequestAborted);
        });
        return View(sections ?? []);
    }
}
