namespace NewsPortal.Web.Features.Shared;

/// <summary>The one rule for addresses typed into forms (photos, homepages, feeds, hero images).</summary>
public static class WebAddress
{
    /// <summary>
    /// True for blank input and for absolute http(s) addresses; with <paramref name="allowLocal"/> also for a path on
    /// this site ("/demo/photo.svg"), never for "//host" or backslashes.
    /// </summary>
    public static bool IsValid(string? value, bool allowLocal)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        value = value.Trim();
        if (allowLocal && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal))
        {
            return Uri.TryCreate(value, UriKind.Relative, out _);
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }
}
