using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Caching;

/// <summary>Output caching of reader pages, response compression and ETags: registration and pipeline.</summary>
public static class PageCaching
{
    public static IServiceCollection AddPageCaching(this IServiceCollection services)
    {
        services.AddOptions<PageCacheOptions>().BindConfiguration("OutputCache");
        services.AddOptions<CompressionSettings>().BindConfiguration("Compression");
        services.AddSingleton<ReaderPagePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PageCacheOptions>>((options, settings) =>
        {
            options.SizeLimit = Math.Max(1, settings.Value.SizeLimitMegabytes) * 1024L * 1024L;
            options.MaximumBodySize = 2 * 1024 * 1024;
            options.AddBasePolicy(policy => policy.AddPolicy<ReaderPagePolicy>());
        });
        services.AddScoped<IArticleChangeHandler, PageCacheEviction>();

        services.AddResponseCompression();
        services.AddOptions<ResponseCompressionOptions>().Configure<IOptions<CompressionSettings>>((options, settings) =>
        {
            options.EnableForHttps = settings.Value.EnableForHttps;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes =
            [
                "text/html", "text/css", "text/plain", "text/xml", "text/javascript", "application/javascript",
                "application/json", "application/xml", "application/rss+xml", "application/atom+xml", "image/svg+xml",
            ];
        });
        // Fastest: the cache keeps one uncompressed copy, so compression runs per response and must be cheap.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compression outermost, then the output cache, then ETags computed on the page actually rendered.</summary>
    public static IApplicationBuilder UsePageCaching(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IConfiguration>()["Benchmark:StaticFilesPath"] is { Length: > 0 })
        {
            app.Map(BenchmarkEviction.Path, branch => branch.Run(BenchmarkEviction.EvictAsync));
        }
        app.UseResponseCompression();
        app.UseOutputCache();
        app.UseMiddleware<ReaderPageETags>();
        return app;
    }
}

/// <summary>
/// bench/run.sh only (mapped when <c>Benchmark:StaticFilesPath</c> is set, like <c>/_bench/article.html</c>): evicts an
/// article's page and the pages showing its card, as an edit of it does, without the cost of an editor's save, so the
/// "article, evicted every second" row measures the eviction and the re-render alone. Loopback callers only.
/// </summary>
public static class BenchmarkEviction
{
    public const string Path = "/_bench/evict";

    public static async Task EvictAsync(HttpContext context)
    {
        var slug = context.Request.Query["slug"].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || slug.Length == 0
            || context.Connection.RemoteIpAddress is not { } remote || !System.Net.IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var store = context.RequestServices.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(PageCacheTags.Article(slug), context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}

/// <summary><c>Compression:EnableForHttps</c>.</summary>
public sealed class CompressionSettings
{
    /// <summary>Off by default (BREACH: admin pages carry antiforgery tokens); TLS ends at the proxy in Docker.</summary>
    public bool EnableForHttps { get; set; }
}

/// <summary>
/// Gives reader pages a strong ETag (a hash of the HTML) and answers a matching If-None-Match with
/// 304. Runs inside the output cache, so cached copies keep their ETag and the cache answers 304 itself.
/// </summary>
public sealed class ReaderPageETags(RequestDelegate next)
{
    private const int MaxBufferedBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !ReaderPagePolicy.IsReaderPage(request.Path))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        // The output cache runs one request per key and hands its result to every reader waiting for the same
        // page. If that one reader hangs up, their abort must not cancel the page the others wait for (they
        // would all get a 500), so the page is finished regardless; it is bounded, cheap work.
        var clientAborted = context.RequestAborted;
        context.RequestAborted = CancellationToken.None;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxBufferedBytes && !response.Headers.ContainsKey("ETag"))
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = "\"" + Convert.ToBase64String(hash, 0, 12).Replace('+', '-').Replace('/', '_') + "\"";
            response.Headers.ETag = etag;
            if (ConditionalGet.Matches(request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        if (buffer.Length > 0)
        {
            response.ContentLength ??= buffer.Length;
            buffer.Position = 0;
            if (!clientAborted.IsCancellationRequested)
            {
                // No token: a write to a connection that has just closed is dropped by the server, not thrown.
                await buffer.CopyToAsync(original, CancellationToken.None);
            }
        }
    }
}
