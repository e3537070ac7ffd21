using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Seo;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>
/// The sign-in cookie: set by Identity (<see cref="AccountsServices"/>), recognised by the page cache. When the public
/// scheme (<c>Site:BaseUrl</c>) is https it is <c>__Host-newsportal.auth</c>, like every cookie the app sets (<see cref="HostCookies"/>).
/// </summary>
public static class AuthCookie
{
    /// <summary>The name on plain http (development, tests). Chunked cookies are named <c>Name + "C1"</c>, <c>"C2"</c> …, next to the base cookie.</summary>
    public const string Name = "newsportal.auth";

    /// <summary>The name whenever the public scheme is https.</summary>
    public const string HostName = HostCookies.Prefix + Name;

    public static string NameFor(bool https) => https ? HostName : Name;

    /// <summary>True for the sign-in cookie under either name and for its chunks: whoever carries one is staff, not a reader.</summary>
    public static bool Matches(string cookieName) =>
        cookieName.StartsWith(Name, StringComparison.Ordinal) || cookieName.StartsWith(HostName, StringComparison.Ordinal);
}

/// <summary>
/// Cookie names for the documented TLS-proxy deployment: with an https <c>Site:BaseUrl</c> every cookie the app sets
/// (sign-in, antiforgery, TempData) gets the <c>__Host-</c> prefix, is always Secure, has Path=/ and no Domain, so
/// neither a sibling subdomain nor a plain-http page can set or overwrite it. On plain http the usual names stay.
/// </summary>
public static class HostCookies
{
    public const string Prefix = "__Host-";

    public static bool PublicSchemeIsHttps(SiteOptions site) =>
        Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    public static bool PublicSchemeIsHttps(IOptions<SiteOptions> site) => PublicSchemeIsHttps(site.Value);

    /// <summary>
    /// Names <paramref name="cookie"/> <paramref name="name"/> on http; on https <c>__Host-</c> + <paramref name="httpsName"/>
    /// (default <paramref name="name"/>), Secure, Path=/ and no Domain. A null <paramref name="name"/> keeps the framework's own http name.
    /// </summary>
    public static void Apply(CookieBuilder cookie, bool https, string? name, string? httpsName = null)
    {
        if (!https)
        {
            if (name is not null)
            {
                cookie.Name = name;
            }
            return;
        }
        cookie.Name = Prefix + (httpsName ?? name ?? throw new ArgumentNullException(nameof(httpsName)));
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }
}
