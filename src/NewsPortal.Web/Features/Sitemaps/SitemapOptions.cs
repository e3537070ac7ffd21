namespace NewsPortal.Web.Features.Sitemaps;

/// <summary>The <c>Sitemap</c> configuration section.</summary>
public sealed class SitemapOptions
{
    /// <summary><c>Sitemap:PageSize</c>: URLs per article sitemap file, clamped to 1..50,000 where it is read.</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary><c>Sitemap:MaxConcurrentBuilds</c>: sitemap files built at once.</summary>
    public int MaxConcurrentBuilds { get; set; } = Environment.ProcessorCount;
}
