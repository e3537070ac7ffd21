using Microsoft.Net.Http.Headers;

namespace NewsPortal.Web.Features.Shared;

/// <summary>ETag/Last-Modified validators for feeds, sitemaps and reader pages, and the 304 decision (RFC 9110 §13.2.2).</summary>
public static class ConditionalGet
{
    /// <summary>Sets the validators and reports whether the client's copy is still current.</summary>
    public static bool IsNotModified(HttpContext context, string etag, DateTimeOffset lastModified)
    {
        var response = context.Response;
        var lastModifiedSeconds = new DateTimeOffset(lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        response.Headers.ETag = etag;
        response.Headers.LastModified = HeaderUtilities.FormatDate(lastModifiedSeconds);
        response.Headers.CacheControl = "public, max-age=300";

        var request = context.Request;
        if (request.Headers.IfNoneMatch.ToString().Length > 0)
        {
            return Matches(request, etag);
        }
        return request.Headers.IfModifiedSince.Count > 0
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && lastModifiedSeconds <= since;
    }

    /// <summary>
    /// Whether the request's If-None-Match names <paramref name="etag"/> (weak comparison, so <c>W/"…"</c> matches
    /// too) or is <c>*</c>. Only reads the request: callers set whatever response headers they send.
    /// </summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.ToString().Length == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
