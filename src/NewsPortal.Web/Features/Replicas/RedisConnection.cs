using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>
/// The replica's one connection to Redis, and the one place that knows whether Redis is usable right now.
/// It never blocks start-up nor a request on an unreachable server: the multiplexer connects and reconnects in the
/// background (<c>abortConnect=false</c>), commands fail fast while it is down (no backlog), and callers ask
/// <see cref="IsAvailable"/> first and fall back to their in-process behaviour. An outage is logged once as a warning
/// when it starts and once when it ends, however many requests meet it.
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

    /// <summary>
    /// Connected now (cheap: no round trip). Also where an outage is noticed and its end announced, so a
    /// command that failed on a live connection (a timeout) clears the warning state at the next good look.
    /// </summary>
    public bool CheckAvailable(string what)
    {
        if (!Multiplexer.IsConnected)
        {
            ReportFailure(null, what);
            return false;
        }
        if (IsDegraded)
        {
            ReportRecovered();
        }
        return true;
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

    /// <summary>The connection is back: says so once; callers replay what they owe Redis on their next use.</summary>
    public void ReportRecovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            _logger.LogInformation("Redis is reachable again; the shared page cache and limits are back");
            Recovered?.Invoke();
        }
    }

    /// <summary>Raised once when an outage ends.</summary>
    public event Action? Recovered;

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
        multiplexer.ConnectionFailed += (_, e) => ReportFailure(e.Exception, e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, _) =>
        {
            if (multiplexer.IsConnected)
            {
                ReportRecovered();
            }
        };
        if (!multiplexer.IsConnected)
        {
            ReportFailure(null, "no connection at start-up");
        }
        return multiplexer;
    }
}
