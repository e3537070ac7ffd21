using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Seo;

/// <summary>
/// Absolute URLs for canonical links, feeds, sitemaps and structured data: from <c>Site:BaseUrl</c>
/// when set (the public address behind a proxy; required in Production, see <see cref="SiteOptionsValidation"/>),
/// else, in Development and tests, from the request's scheme and host.
/// </summary>
public sealed class SiteUrls(IOptions<SiteOptions> options)
{
    private readonly string? _configured = Normalize(options.Value.BaseUrl);

    public string Name { get; } = options.Value.Name is { Length: > 0 } name ? name : "NewsPortal";

    public string Description { get; } = options.Value.Description ?? "";

    public string Base(HttpRequest request) =>
        _configured ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    /// <summary>An absolute URL for a site path ("/articles/x"); absolute URLs pass through unchanged.</summary>
    public string Absolute(HttpRequest request, string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return pathOrUrl;
        }
        return Base(request) + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);
    }

    /// <summary>The configured address without a trailing slash, or null when it is not an absolute http(s) URL.</summary>
    public static string? Normalize(string? configured) =>
        Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;
}
