using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>
/// The replica's one connection to Redis, and the one place that knows whether Redis is usable right now.
/// It never blocks start-up nor a request on an unreachable server: the multiplexer connects and reconnects in the
/// background (<c>abortConnect=false</c>), commands fail fast while it is down (no backlog), and callers ask
/// <see cref="IsAvailable"/> first and fall back to their in-process behaviour. An outage is logged once as a warning
/// when it starts and once when it ends (the first command that succeeds again), however many requests meet it.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private int _degraded;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var settings = options.Value;
        InstanceName = settings.InstanceName;
        var configuration = ConfigurationOptions.Parse(settings.Configuration
            ?? throw new InvalidOperationException("Redis:Configuration is not set."));
        configuration.AbortOnConnectFail = false;
        // A request must not wait for a server that is gone: fail at once and let the caller fall back.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "newsportal-" + Environment.MachineName;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(configuration));
    }

    /// <summary>The key prefix (<c>Redis:InstanceName</c>).</summary>
    public string InstanceName { get; }

    /// <summary>Connected now, as far as the multiplexer knows (cheap: no round trip); when not, the outage is noted.</summary>
    public bool CheckAvailable(string what)
    {
        if (!Multiplexer.IsConnected)
        {
            ReportFailure(null, what);
            return false;
        }
        return true;
    }

    /// <summary>
    /// A command succeeded: only that ends an outage. "Connected" alone does not, because while a server dies the
    /// multiplexer says so now and then between failures, and the warning must not repeat for every flap.
    /// </summary>
    public void ReportSuccess()
    {
        if (Volatile.Read(ref _degraded) == 1)
        {
            ReportRecovered();
        }
    }

    /// <summary>True between a failure and the recovery after it (for tests and the health check's detail).</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>A command failed, or the connection dropped: warns once per outage.</summary>
    public void ReportFailure(Exception? exception, string what)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            _logger.LogWarning(exception,
                "Redis is unreachable ({What}); this replica serves from the database without the shared page cache and counts limits in process until it is back",
                what);
        }
    }

    private void ReportRecovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            _logger.LogInformation("Redis is reachable again; the shared page cache and limits are back");
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private ConnectionMultiplexer Connect(ConfigurationOptions configuration)
    {
        // With abortConnect=false this returns after the first attempt even when the server is down, and keeps retrying.
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        // The end of an outage is announced by the next command that succeeds (ReportSuccess), not by this event.
        multiplexer.ConnectionFailed += (_, e) => ReportFailure(e.Exception, e.FailureType.ToString());
        if (!multiplexer.IsConnected)
        {
            ReportFailure(null, "no connection at start-up");
        }
        return multiplexer;
    }
}
