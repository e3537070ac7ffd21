using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Replicas;

/// <summary>One replica of the portal: the ordinary test host with settings of its own (Redis, a shared database file).</summary>
public sealed class ReplicaHost(PortalOptions options) : NewsPortalFactory(options);

/// <summary>
/// Two replicas, A and B, as a deployment runs them: one database file, and, when <paramref name="redis"/> is given,
/// one Redis. A is started first so that it alone applies the migrations and loads the demo newsroom; B then finds
/// both in place.
/// </summary>
public sealed class ReplicaPair : IDisposable
{
    public ReplicaPair(RedisServer? redis, bool outputCache = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Redis = redis;
        A = new ReplicaHost(Options(redis, outputCache, settings, null) with { DemoContent = true });
        _ = A.Services;
        // A's own connection string, whichever provider the run uses (a SQLite file, or a PostgreSQL database).
        var database = A.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Default"];
        B = new ReplicaHost(Options(redis, outputCache, settings, database));
        _ = B.Services;
    }

    public RedisServer? Redis { get; }

    public ReplicaHost A { get; }

    public ReplicaHost B { get; }

    /// <summary>Both replicas' clocks moved on together, as real clocks are.</summary>
    public void Advance(TimeSpan by)
    {
        A.Clock.Advance(by);
        B.Clock.Advance(by);
    }

    public static T ServiceOf<T>(ReplicaHost host)
        where T : notnull => host.Services.GetRequiredService<T>();

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }

    private static PortalOptions Options(RedisServer? redis, bool outputCache, IReadOnlyDictionary<string, string?>? extra, string? sharedDatabase)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        if (redis is not null)
        {
            settings["Redis:Configuration"] = redis.Configuration;
        }
        if (sharedDatabase is not null)
        {
            settings["ConnectionStrings:Default"] = sharedDatabase;
        }
        return new PortalOptions { DemoContent = false, OutputCache = outputCache, Settings = settings };
    }
}
