using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Infrastructure;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Caching;

namespace NewsPortal.Tests.Features.Accounts;

/// <summary>The documented deployment: Site:BaseUrl https, the TLS proxy at 10.0.0.2 forwarding X-Forwarded-Proto, the page cache on.</summary>
public sealed class HttpsPortalFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    OutputCache = true,
    FirstAdmin = new FirstAdmin(Email, Password),
    Settings = new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = ProxiedPortalFactory.Proxy,
        ["Site:BaseUrl"] = "https://news.example.test",
    },
})
{
    public const string Email = "https-admin@example.test";
    public const string Password = "Https-admin-pass-1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ProxiedPortalFactory.PeerAddressFilter>());
    }
}

public class HostCookieTests(HttpsPortalFactory factory) : IClassFixture<HttpsPortalFactory>
{
    private (HttpClient Client, ProxyHandler Proxy) Client()
    {
        var handler = new ProxyHandler(ProxiedPortalFactory.Proxy, "https");
        return (factory.CreateDefaultClient(new Uri("http://news.example.test"), handler), handler);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string formSelector, Dictionary<string, string> values)
    {
        using var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await Html.ParseAsync(page)).QuerySelector(formSelector)!;
        var fields = AdminSession.ReadFields(form);
        fields.RemoveAll(f => values.ContainsKey(f.Key));
        fields.AddRange(values);
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    private static void AssertHostCookie(string setCookie)
    {
        Assert.StartsWith(HostCookies.Prefix, setCookie, StringComparison.Ordinal);
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_cookie_is_a_Host_cookie_and_sign_in_works()
    {
        var user = await factory.CreateUserAsync(NewsPortal.Web.Domain.Roles.Editor);
        var (client, proxy) = Client();

        using var signIn = await PostFormAsync(client, "/account/login", "form[action='/account/login']",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        // A TempData cookie too: a change that flashes a message.
        using var changed = await PostFormAsync(client, "/account/password", "form[action='/account/password']",
            new() { ["CurrentPassword"] = user.Password, ["NewPassword"] = "Https-editor-pass-2", ["ConfirmPassword"] = "Https-editor-pass-2" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        Assert.Contains(proxy.SetCookies, c => c.StartsWith("__Host-newsportal.antiforgery=", StringComparison.Ordinal));
        Assert.Contains(proxy.SetCookies, c => c.StartsWith(AuthCookie.HostName + "=", StringComparison.Ordinal));
        Assert.Contains(proxy.SetCookies, c => c.StartsWith("__Host-newsportal.tempdata=", StringComparison.Ordinal));
        Assert.All(proxy.SetCookies, AssertHostCookie);
    }

    [Fact]
    public async Task The_page_cache_treats_the_Host_cookie_as_signed_in()
    {
        const string url = "/";
        var (reader, _) = Client();
        async Task<bool> CachedAsync(HttpClient client, string? cookie = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.Age is not null;
        }

        await CachedAsync(reader);
        Assert.True(await CachedAsync(reader));
        Assert.False(await CachedAsync(reader, AuthCookie.HostName + "=CfDJ8-stale-editor-session"));
        Assert.False(await CachedAsync(reader, AuthCookie.HostName + "C1=CfDJ8-chunk"));

        var (editor, _) = Client();
        using var signIn = await PostFormAsync(editor, "/account/login", "form[action='/account/login']",
            new() { ["Email"] = HttpsPortalFactory.Email, ["Password"] = HttpsPortalFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.False(await CachedAsync(editor));
        Assert.True(ReaderPagePolicy.IsSignedInOrAuthorized(WithCookie(AuthCookie.HostName)));
        Assert.False(ReaderPagePolicy.IsSignedInOrAuthorized(WithCookie("__Host-newsportal.antiforgery")));
    }

    private static HttpRequest WithCookie(string name)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = name + "=x";
        return context.Request;
    }
}
