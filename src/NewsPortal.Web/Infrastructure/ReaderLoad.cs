using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The <c>ReaderLoad</c> section: how much anonymous dynamic work runs at once. The defaults fit two cores.</summary>
public sealed class ReaderLoadOptions
{
    public const string Section = "ReaderLoad";

    /// <summary>False lets every request through (benchmarks that measure the raw pages).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Anonymous requests that may run an action at once: search, an uncached page, a feed, sign-in (at least 1). The
    /// default is one per core: that work is CPU-bound, and more of it at once only time-slices the cores with the readers
    /// of cached pages (on two cores, four at once put the cached article's p99 under mixed load at 76 ms, two at 58 ms).
    /// </summary>
    public int PermitLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a slot, newest first; one more and the longest waiter gets 503 (0: none wait).</summary>
    public int QueueLimit { get; set; } = 32;

    /// <summary>The Retry-After of the 503.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Worker threads the thread pool starts new work on without waiting (0: the runtime's, one per core). SQLite's
    /// "async" calls block their thread; with one thread per core a few slow queries and saves left cached pages
    /// waiting a second or more for the pool to grow.
    /// </summary>
    public int MinThreads { get; set; } = 64;
}

/// <summary>
/// The one concurrency limiter of anonymous dynamic work: System.Threading.RateLimiting's
/// <see cref="ConcurrencyLimiter"/> with a bounded queue. It is not a policy of ASP.NET Core's
/// rate limiter middleware because that runs before the output cache, and a page served from the
/// cache must never wait for (or be refused by) a slot: <see cref="ReaderLoadShedding"/> runs inside it.
/// </summary>
public sealed class ReaderLoadLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private long _shed;
    private long _lastLogTicks;

    public ReaderLoadLimiter(IOptions<ReaderLoadOptions> options)
    {
        var settings = options.Value;
        Enabled = settings.Enabled;
        RetryAfter = TimeSpan.FromSeconds(Math.Max(1, settings.RetryAfterSeconds));
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.PermitLimit),
            QueueLimit = Math.Max(0, settings.QueueLimit),
            // Newest first: when the queue is full the longest waiter is the one refused. Readers who gave up
            // (a closed tab, a client's time-out) are the oldest waiters, and HTTP/1.1 does not tell us they left,
            // so oldest-first made fresh readers queue behind work nobody would read.
            QueueProcessingOrder = QueueProcessingOrder.NewestFirst,
        });
    }

    public bool Enabled { get; }

    public TimeSpan RetryAfter { get; }

    /// <summary>The longest a request waits in the queue: newest-first must not leave one waiter behind for ever under steady load.</summary>
    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(10);

    /// <summary>Waits for a slot in the queue; a lease that is not acquired means the queue was full or the wait too long.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaxQueueWait);
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RefusedLease.Instance;
        }
    }

    private sealed class RefusedLease : RateLimitLease
    {
        public static readonly RefusedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>Counts a refused request; true when it is time for a log line (the first, then at most one per 10 s).</summary>
    internal bool CountShed(out long shedSoFar)
    {
        shedSoFar = Interlocked.Increment(ref _shed);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogTicks);
        return (last == 0 || now - last >= 10_000) && Interlocked.CompareExchange(ref _lastLogTicks, now, last) == last;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Runs each anonymous MVC action (reader pages the cache missed, search, feeds, sitemaps, previews, sign-in)
/// under <see cref="ReaderLoadLimiter"/>; beyond its slots and queue the answer is a 503 with Retry-After and
/// the small "busy" page, so a flood of uncached requests cannot slow every reader. Not limited: pages the
/// output cache serves (it answers before this), signed-in staff, health checks, static files, error pages.
/// </summary>
public sealed partial class ReaderLoadShedding(RequestDelegate next, ReaderLoadLimiter limiter, ILogger<ReaderLoadShedding> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!limiter.Enabled || !IsAnonymousDynamicWork(context))
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // gave up while queued
        }

        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = ((int)limiter.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (limiter.CountShed(out var shed))
        {
            LogShed(logger, context.Request.Path.Value ?? "", shed);
        }
    }

    /// <summary>An MVC action for someone not signed in, on the request itself (not an error page re-executed for it).</summary>
    public static bool IsAnonymousDynamicWork(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null
        && context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reader load over the limit: answered 503 to {RequestPath}; {ShedCount} requests refused since start")]
    private static partial void LogShed(ILogger logger, string requestPath, long shedCount);
}

public static class ReaderLoad
{
    public static IServiceCollection AddReaderLoad(this IServiceCollection services)
    {
        services.AddOptions<ReaderLoadOptions>().BindConfiguration(ReaderLoadOptions.Section);
        services.AddSingleton<ReaderLoadLimiter>();
        return services;
    }

    /// <summary>Goes after the output cache (UsePageCaching), just before the endpoints.</summary>
    public static IApplicationBuilder UseReaderLoadShedding(this IApplicationBuilder app)
    {
        var minThreads = app.ApplicationServices.GetRequiredService<IOptions<ReaderLoadOptions>>().Value.MinThreads;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (minThreads > workers)
        {
            ThreadPool.SetMinThreads(minThreads, completionPorts);
        }
        return app.UseMiddleware<ReaderLoadShedding>();
    }
}
