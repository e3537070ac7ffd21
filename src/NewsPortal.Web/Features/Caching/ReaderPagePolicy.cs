using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Web.Features.Caching;

public sealed class PageCacheOptions
{
    /// <summary><c>OutputCache:Enabled</c>: false turns reader-page caching off (benchmarks, debugging).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>OutputCache:Seconds</c>: how long a page lives at most; changes evict sooner.</summary>
    public int Seconds { get; set; } = 60;

    /// <summary><c>OutputCache:SizeLimitMegabytes</c>: memory the cache may hold.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;
}

/// <summary>
/// Caches what anonymous readers see: GET/HEAD on reader addresses, 200 responses without cookies.
/// A request with the sign-in cookie (<see cref="AuthCookie"/>) or any Authorization header is never served from
/// nor stored in the cache, so editors always see fresh pages.
/// </summary>
public sealed class ReaderPagePolicy(IOptionsMonitor<PageCacheOptions> options) : IOutputCachePolicy
{
    private static readonly string[] ReaderPrefixes = ["/articles/", "/sections/", "/tags/", "/authors/", "/sitemaps/"];
    private static readonly string[] ReaderPaths = ["/", "/columns", "/search", "/rss.xml", "/atom.xml", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt"];

    public static bool IsReaderPage(PathString path)
    {
        var value = path.Value ?? "/";
        return ReaderPaths.Any(p => value.Equals(p, StringComparison.OrdinalIgnoreCase))
            || ReaderPrefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase) && value.Length > p.Length);
    }

    private static readonly StringValues PageOnly = new("page");
    private static readonly StringValues SearchKeys = new(["q", "page"]);

    /// <summary>
    /// The query keys a reader page reads, and so the only ones its cache entry varies by: <c>page</c> on
    /// home, section, tag and author listings and the columns page (whose canonical link echoes it, see
    /// <c>_SeoMeta</c>) and an article's discussion pages (<c>/articles/{slug}/comments/all</c>), <c>q</c> and
    /// <c>page</c> on search, none on articles, feeds and sitemaps.
    /// </summary>
    public static StringValues QueryKeysFor(PathString path)
    {
        var segments = (path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            [] => PageOnly,
            [var first] when first.Equals("search", StringComparison.OrdinalIgnoreCase) => SearchKeys,
            [var first] when first.Equals("columns", StringComparison.OrdinalIgnoreCase) => PageOnly,
            [var first, _] when first.Equals("sections", StringComparison.OrdinalIgnoreCase)
                || first.Equals("tags", StringComparison.OrdinalIgnoreCase)
                || first.Equals("authors", StringComparison.OrdinalIgnoreCase) => PageOnly,
            [var first, _, var comments, var all] when PageCacheTags.IsDiscussion(first, comments, all) => PageOnly,
            _ => StringValues.Empty,
        };
    }

    public static bool IsSignedInOrAuthorized(HttpRequest request)
    {
        if (request.Headers.Authorization.Count > 0 || request.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }
        // Even a cookie that no longer signs anyone in (expired, stale): its holder is an editor, not a reader.
        // Under either name (__Host- on https) and chunked as Name + "C1", "C2" …: AuthCookie.Matches knows them all.
        foreach (var cookie in request.Cookies)
        {
            if (AuthCookie.Matches(cookie.Key))
            {
                return true;
            }
        }
        return false;
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var request = context.HttpContext.Request;
        var cacheable = settings.Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && IsReaderPage(request.Path)
            && !IsSignedInOrAuthorized(request)
            // A reader who just commented sees their pending comment on a fresh page; everyone else keeps the cached one.
            && !Comments.ReaderCommentCookie.IsPresent(request);

        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(1, settings.Seconds));
            // Only the keys the page reads: any other key (?r=<random>) shares the entry, so it cannot bust the cache.
            context.CacheVaryByRules.QueryKeys = QueryKeysFor(request.Path);
            foreach (var tag in PageCacheTags.ForPath(request.Path))
            {
                context.Tags.Add(tag);
            }
        }
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie (antiforgery, session) belongs to one visitor; errors are never kept.
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || response.Headers.CacheControl.Any(v => v is not null && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase))))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
