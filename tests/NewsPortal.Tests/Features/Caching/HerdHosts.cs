using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using Serilog.Events;

namespace NewsPortal.Tests.Features.Caching;

/// <summary>
/// The cached portal with a <see cref="RenderCounter"/> inside it: every MVC action run for a watched address is a
/// render (a page served from the output cache runs none). The output cache's own debug events are kept, so a test
/// can see how many readers looked the page up and found nothing.
/// </summary>
public class HerdPortalFactory : NewsPortalFactory
{
    public HerdPortalFactory()
        : this(PortalOptions.Default)
    {
    }

    protected HerdPortalFactory(PortalOptions options)
        : base(options with
        {
            OutputCache = true,
            Settings = new Dictionary<string, string?>(options.Settings)
            {
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.OutputCaching"] = "Debug",
                ["Comments:PermitLimit"] = "100000",
            },
        })
    {
    }

    public RenderCounter Renders { get; } = new();

    /// <summary>Readers of <paramref name="path"/> that looked it up in the cache and found nothing (each then renders or waits).</summary>
    public int CacheMisses(string path) => Logs.All.Count(e => IsMiss(e) && e.Properties.TryGetValue("RequestPath", out var value)
        && value is ScalarValue { Value: string requested } && requested == path);

    private static bool IsMiss(LogEvent e) =>
        e.MessageTemplate.Text.StartsWith("No cached response available", StringComparison.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<MvcOptions>(mvc => mvc.Filters.Add(Renders)));
    }
}

/// <summary>Counts the renders of one watched address and can hold the first one back until the test lets it go.</summary>
public sealed class RenderCounter : IAsyncActionFilter
{
    private string? _path;
    private Func<Task>? _beforeFirst;
    private int _renders;

    public int Count => Volatile.Read(ref _renders);

    /// <summary>Counts renders of <paramref name="path"/> from zero; the first waits for <paramref name="beforeFirst"/>.</summary>
    public void Watch(string path, Func<Task>? beforeFirst = null)
    {
        _beforeFirst = beforeFirst;
        Volatile.Write(ref _renders, 0);
        Volatile.Write(ref _path, path);
    }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.HttpContext.Request.Path.Value == Volatile.Read(ref _path)
            && Interlocked.Increment(ref _renders) == 1 && _beforeFirst is { } wait)
        {
            await wait();
        }
        await next();
    }
}

/// <summary>The same host with the output cache in a real Redis (<c>SharedPageCacheStore</c>), as replicas run it.</summary>
public sealed class RedisHerdPortalFactory(RedisServer redis) : HerdPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration },
});
