using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Seo;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the portal believes. With neither list set only loopback is trusted
/// (a proxy on the same host, as in docker/compose.yml); a header from any other address is ignored.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary><c>ForwardedHeaders:KnownProxies</c>: proxy addresses, e.g. <c>10.0.0.2</c>.</summary>
    public IList<string> KnownProxies { get; } = new List<string>();

    /// <summary><c>ForwardedHeaders:KnownNetworks</c>: proxy networks in CIDR notation, e.g. <c>172.18.0.0/16</c>.</summary>
    public IList<string> KnownNetworks { get; } = new List<string>();
}

public static class TrustedProxies
{
    /// <summary>Forwarded client address and scheme from the configured proxies; the antiforgery cookie is Secure on https.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section)
            .Validate(
                o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)) && o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders:KnownProxies must list IP addresses (10.0.0.2) and ForwardedHeaders:KnownNetworks CIDR networks (172.18.0.0/16).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Set from scratch: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would have emptied the lists (trust everyone).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            var proxies = trusted.Value;
            if (proxies.KnownProxies.Count == 0 && proxies.KnownNetworks.Count == 0)
            {
                options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
                options.KnownProxies.Add(IPAddress.IPv6Loopback);
                return;
            }
            foreach (var proxy in proxies.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }
            foreach (var network in proxies.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });

        // ASP.NET's default never marks the antiforgery cookie Secure; the sign-in cookie is SameAsRequest too.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // With an https Site:BaseUrl, __Host- names (Secure, Path=/, no Domain) for the antiforgery and TempData cookies,
        // as for the sign-in cookie (AccountsServices); on plain http the framework's names stay.
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
            HostCookies.Apply(options.Cookie, HostCookies.PublicSchemeIsHttps(site), null, "newsportal.antiforgery"));
        services.AddOptions<CookieTempDataProviderOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
            HostCookies.Apply(options.Cookie, HostCookies.PublicSchemeIsHttps(site), null, "newsportal.tempdata"));
        return services;
    }
}
