using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Sitemaps;

/// <summary>
/// Bounds how many sitemap files are built at once (<c>Sitemap:MaxConcurrentBuilds</c>, default the
/// processor count). An article file of 10,000 URLs is 1.4 MB built in memory (hashed for its ETag);
/// 32 crawlers missing the cache at once took the portal past 570 MB. The output cache already
/// coalesces misses for the same file; this covers many different files at once.
/// </summary>
public sealed class SitemapGate(IOptions<SitemapOptions> options) : ConcurrencyGate(options.Value.MaxConcurrentBuilds);
