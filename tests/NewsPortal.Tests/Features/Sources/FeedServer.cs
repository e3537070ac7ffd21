using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>
/// A partner's web server on 127.0.0.1 and a port of its own: serves the feed files under Feeds/ with
/// "{{base}}" and "{{tag}}" filled in (each test passes its own tag, so its items have links of their own),
/// answers If-None-Match with 304, and plays the hostile partner: a 20 MB answer, a redirect loop, a
/// redirect to the cloud metadata address, a 503 that recovers.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, int> _versions = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    private FeedServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FeedServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public Uri Feed(string path, string tag) => new(BaseAddress, $"{path}?tag={Uri.EscapeDataString(tag)}");

    /// <summary>How many requests reached <paramref name="path"/> for <paramref name="tag"/>, 304s included.</summary>
    public int Hits(string path, string tag) => _hits.GetValueOrDefault(path + "|" + tag);

    /// <summary>Which changing-N.xml /changing.xml serves for the tag.</summary>
    public void SetVersion(string tag, int version) => _versions[tag] = version;

    /// <summary>The next <paramref name="count"/> requests for /flaky.xml with the tag answer 503.</summary>
    public void FailNext(string tag, int count) => _failuresLeft[tag] = count;

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path + "|" + context.Request.Query["tag"], 1, (_, n) => n + 1);
            await next();
        });
        foreach (var (path, file) in new[] { ("/rss2.xml", "rss2.xml"), ("/rss1.rdf", "rss1.rdf"), ("/atom.xml", "atom.xml"), ("/malformed.xml", "malformed.xml"), ("/doctype.xml", "doctype.xml") })
        {
            app.MapGet(path, (HttpContext context) => ServeAsync(context, file));
        }
        app.MapGet("/changing.xml", (HttpContext context) => ServeAsync(context, $"changing-{_versions.GetValueOrDefault(Tag(context), 1)}.xml"));
        app.MapGet("/flaky.xml", (HttpContext context) =>
        {
            var tag = Tag(context);
            if (_failuresLeft.GetValueOrDefault(tag) > 0)
            {
                _failuresLeft.AddOrUpdate(tag, 0, (_, n) => n - 1);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }
            return ServeAsync(context, "rss2.xml");
        });
        // 20 MB of a feed that never ends, streamed without a Content-Length: only a reader with a cap stops it.
        // /huge-declared.xml says its length up front, so it can be refused before a byte of the body is read.
        app.MapGet("/huge.xml", (HttpContext context) => HugeAsync(context, declareLength: false));
        app.MapGet("/huge-declared.xml", (HttpContext context) => HugeAsync(context, declareLength: true));
        app.MapGet("/loop-a", (HttpContext context) => Results.Redirect("/loop-b?tag=" + Tag(context)));
        app.MapGet("/loop-b", (HttpContext context) => Results.Redirect("/loop-a?tag=" + Tag(context)));
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/moved", (HttpContext context) => Results.Redirect("/rss2.xml?tag=" + Tag(context), permanent: true));
        app.MapGet("/gone", () => Results.StatusCode(StatusCodes.Status410Gone));
    }

    private static async Task HugeAsync(HttpContext context, bool declareLength)
    {
        const long Size = 20L * 1024 * 1024;
        context.Response.ContentType = "application/rss+xml";
        if (declareLength)
        {
            context.Response.ContentLength = Size;
        }
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<item><title>Filler</title><description>More filler text to make the feed enormous.</description></item>\n", 100)));
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>"));
            for (long written = 0; written < Size - chunk.Length; written += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("</channel></rss>"));
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The reader hung up, as it should (a declared length left unfilled is Kestrel's complaint, not ours).
        }
    }

    private static string Tag(HttpContext context) => context.Request.Query["tag"].ToString();

    private static async Task ServeAsync(HttpContext context, string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Sources", "Feeds", file));
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var body = Encoding.UTF8.GetBytes(text.Replace("{{base}}", origin, StringComparison.Ordinal).Replace("{{tag}}", Tag(context), StringComparison.Ordinal));
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = file.EndsWith(".rdf", StringComparison.Ordinal) ? "application/rdf+xml" : "application/xml; charset=utf-8";
        await context.Response.Body.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
