using System.Net;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>Behind the TLS proxy: the forwarded scheme makes cookies Secure and turns HSTS on, but only from a trusted proxy.</summary>
public class TrustedProxyTests(ProxiedPortalFactory factory) : IClassFixture<ProxiedPortalFactory>
{
    private static readonly Uri PublicHost = new("http://news.example.test");

    private (HttpClient Client, ProxyHandler Proxy) Client(string peer, string? forwardedProto)
    {
        var handler = new ProxyHandler(peer, forwardedProto);
        return (factory.CreateDefaultClient(PublicHost, handler), handler);
    }

    [Fact]
    public async Task Https_forwarded_by_the_trusted_proxy_gives_Secure_cookies_and_HSTS()
    {
        var (client, proxy) = Client(ProxiedPortalFactory.Proxy, "https");

        using var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "no Strict-Transport-Security header");
        var antiforgery = Assert.Single(proxy.SetCookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var form = await Html.ParseAsync(page);
        var fields = AdminSession.ReadFields((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("form[action='/account/login']")!);
        fields.RemoveAll(f => f.Key is "Email" or "Password");
        fields.Add(new("Email", ProxiedPortalFactory.Email));
        fields.Add(new("Password", ProxiedPortalFactory.Password));
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(proxy.SetCookies, c => c.StartsWith("newsportal.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("192.0.2.50")]  // some client on the internet sending the header itself
    [InlineData("10.0.0.3")]    // the proxy's neighbour
    public async Task A_forwarded_scheme_from_an_untrusted_address_is_ignored(string peer)
    {
        var (client, proxy) = Client(peer, "https");

        using var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = Assert.Single(proxy.SetCookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Plain_http_from_the_trusted_proxy_sets_no_Secure_cookie_and_no_HSTS()
    {
        var (client, proxy) = Client(ProxiedPortalFactory.Proxy, forwardedProto: null);

        using var page = await client.GetAsync("/account/login");

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", Assert.Single(proxy.SetCookies), StringComparison.OrdinalIgnoreCase);
    }
}
