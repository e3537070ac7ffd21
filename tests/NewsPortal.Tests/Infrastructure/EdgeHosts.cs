using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>
/// The portal as it runs behind the TLS proxy: TestServer gives a request no remote address, so a
/// startup filter takes it from the test-only <see cref="PeerHeader"/>; 10.0.0.2 is the configured proxy.
/// </summary>
public sealed class ProxiedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    FirstAdmin = new FirstAdmin(Email, Password),
    Settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = Proxy },
})
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Proxy = "10.0.0.2";
    public const string Email = "proxied-admin@example.test";
    public const string Password = "Proxied-admin-pass-1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
    }

    /// <summary>Takes the connection's remote address from <see cref="PeerHeader"/>; any proxied test host adds it.</summary>
    public sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// The portal in the Production environment with <c>Site:BaseUrl</c> set and a test-only
/// <c>/test/fail</c> that throws, mapped behind the app's own pipeline (inside its exception handler).
/// </summary>
public sealed class ProductionPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Site:BaseUrl"] = BaseUrl },
})
{
    public const string BaseUrl = "https://news.example.test";
    public const string FailingPath = "/test/fail";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, FailingEndpointFilter>());
    }

    private sealed class FailingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Reached only by requests no endpoint of the app answered.
            app.Run(context => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("A test failure on purpose.")
                : SetNotFound(context));
        };

        private static Task SetNotFound(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
    }
}

/// <summary>Sends every request as a proxy would (a peer address and X-Forwarded-* headers) and keeps cookies by hand,
/// since a cookie jar would not send Secure cookies back over the test's plain http.</summary>
public sealed class ProxyHandler(string peer, string? forwardedProto, string? forwardedFor = "203.0.113.7") : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = [];

    public List<string> SetCookies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(ProxiedPortalFactory.PeerHeader, peer);
        if (forwardedProto is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", forwardedProto);
        }
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                SetCookies.Add(value);
                var pair = value.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
        return response;
    }
}
