using System.Globalization;
using Microsoft.AspNetCore.Http;
using NewsPortal.Web.Data.Configurations;

namespace NewsPortal.Web.Features.Imports;

/// <summary>
/// The one spelling of an old address, shared by the importers (which store it) and the redirect (which looks
/// it up): the decoded path, case kept, without a trailing slash, so <c>/2024/05/slug/</c> and
/// <c>/2024/05/slug</c> are one key; WordPress ids are keys of their own, <c>?p=123</c> and <c>?page_id=45</c>.
/// </summary>
public static class LegacyPaths
{
    /// <summary>The key for a post's old address (a path or an absolute URL on the old site); null when it names no page.</summary>
    public static string? FromAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var value = address.Trim();
        if (value.StartsWith('?'))
        {
            return value;
        }
        string path;
        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            path = absolute.AbsolutePath;
        }
        else if (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
        {
            path = value.Split(['?', '#'], 2)[0];
        }
        else
        {
            return null;
        }
        // Requests arrive decoded (PathString), so the stored key is decoded too: /2024/05/%ed%95%9c/ matches.
        return Normalize(Uri.UnescapeDataString(path));
    }

    /// <summary>The key a request's path is looked up by.</summary>
    public static string? ForRequest(PathString path) => Normalize(path.Value);

    /// <summary>The key of a WordPress post id.</summary>
    public static string WordPressPost(long id) => string.Create(CultureInfo.InvariantCulture, $"?p={id}");

    /// <summary>
    /// <c>?p=123</c> or <c>?page_id=45</c> when the query carries a WordPress id (digits only); otherwise null.
    /// Reads the query only when there is one.
    /// </summary>
    public static string? WordPressIdOf(HttpRequest request)
    {
        if (!request.QueryString.HasValue)
        {
            return null;
        }
        foreach (var key in (ReadOnlySpan<string>)["p", "page_id"])
        {
            if (request.Query.TryGetValue(key, out var values) && values.Count == 1
                && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"?{key}={id}");
            }
        }
        return null;
    }

    private static string? Normalize(string? path)
    {
        var trimmed = (path ?? "").TrimEnd('/');
        return trimmed.Length is 0 or > LegacyPermalinkLimits.MaxPathLength || !trimmed.StartsWith('/') ? null : trimmed;
    }
}
