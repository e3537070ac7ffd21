using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>One hit counted against a fixed window: allowed or not, and when the window ends.</summary>
public readonly record struct WindowHit(bool Allowed, long Count, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters shared by every replica: INCR and, on the window's first hit, PEXPIRE in one Lua script,
/// so the count and its expiry can never part. Without Redis (not configured, or unreachable right now) the same
/// counters live in this process, so limits still hold per replica during an outage.
/// </summary>
public sealed class SharedWindowCounter(IMemoryCache memory, RedisConnection? connection = null)
{
    private static readonly LuaScript Hit = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then redis.call('PEXPIRE', @key, @windowMs) ttl = tonumber(@windowMs) end
        return { count, ttl }
        """);

    private static readonly LuaScript Peek = LuaScript.Prepare("""
        local count = redis.call('GET', @key)
        local ttl = redis.call('PTTL', @key)
        return { tonumber(count or '0'), ttl }
        """);

    /// <summary>True when the counts are shared across replicas (Redis is configured), whether or not it is up now.</summary>
    public bool IsShared => connection is not null;

    /// <summary>Counts one hit on <paramref name="key"/>; allowed while the window's count stays within <paramref name="limit"/>.</summary>
    public async ValueTask<WindowHit> HitAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        limit = Math.Max(1, limit);
        if (connection is not null && connection.CheckAvailable("shared limits"))
        {
            try
            {
                var result = (RedisResult[])(await connection.Database.ScriptEvaluateAsync(Hit,
                    new { key = (RedisKey)(connection.InstanceName + "limit:" + key), windowMs = (long)window.TotalMilliseconds }))!;
                connection.ReportSuccess();
                var count = (long)result[0];
                return new WindowHit(count <= limit, count, TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1])));
            }
            catch (Exception exception) when (SharedPageCacheStore.IsRedisFailure(exception))
            {
                connection.ReportFailure(exception, "counting a limit");
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return HitInProcess(key, limit, window);
    }

    /// <summary>The current count of <paramref name="key"/>'s window without adding to it.</summary>
    public async ValueTask<long> CountAsync(string key, CancellationToken cancellationToken)
    {
        if (connection is not null && connection.CheckAvailable("shared limits"))
        {
            try
            {
                var result = (RedisResult[])(await connection.Database.ScriptEvaluateAsync(Peek,
                    new { key = (RedisKey)(connection.InstanceName + "limit:" + key) }))!;
                connection.ReportSuccess();
                return (long)result[0];
            }
            catch (Exception exception) when (SharedPageCacheStore.IsRedisFailure(exception))
            {
                connection.ReportFailure(exception, "reading a limit");
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return memory.TryGetValue(MemoryKey(key), out Window? current) && current!.EndsAt > DateTime.UtcNow ? Interlocked.Read(ref current.Count) : 0;
    }

    /// <summary>Forgets <paramref name="key"/>'s window (a successful sign-in clears its failures).</summary>
    public async ValueTask ResetAsync(string key, CancellationToken cancellationToken)
    {
        memory.Remove(MemoryKey(key));
        if (connection is not null && connection.CheckAvailable("shared limits"))
        {
            try
            {
                await connection.Database.KeyDeleteAsync(connection.InstanceName + "limit:" + key);
                connection.ReportSuccess();
            }
            catch (Exception exception) when (SharedPageCacheStore.IsRedisFailure(exception))
            {
                connection.ReportFailure(exception, "clearing a limit");
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private WindowHit HitInProcess(string key, int limit, TimeSpan window)
    {
        var now = DateTime.UtcNow;
        var current = memory.GetOrCreate(MemoryKey(key), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = window;
            entry.Size = 1;
            return new Window(now + window);
        })!;
        var count = Interlocked.Increment(ref current.Count);
        return new WindowHit(count <= limit, count, current.EndsAt - now > TimeSpan.Zero ? current.EndsAt - now : TimeSpan.FromMilliseconds(1));
    }

    private static (string, string) MemoryKey(string key) => ("shared-window", key);

    private sealed class Window(DateTime endsAt)
    {
        public readonly DateTime EndsAt = endsAt;
        public long Count;
    }
}

/// <summary>
/// A rate limiter for ASP.NET Core's rate limiting middleware whose permits are a <see cref="SharedWindowCounter"/>'s
/// window, so a limit holds across every replica. The synchronous attempt always defers to the asynchronous acquire
/// (the middleware then awaits it), because counting needs a round trip to Redis.
/// </summary>
public sealed class SharedFixedWindowLimiter(SharedWindowCounter counter, string key, int permitLimit, TimeSpan window) : RateLimiter
{
    private long _lastUsedTicks = DateTime.UtcNow.Ticks;

    public override TimeSpan? IdleDuration => DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastUsedTicks), DateTimeKind.Utc);

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }
        var hit = await counter.HitAsync(key, permitLimit, window, cancellationToken);
        return hit.Allowed ? Lease.Granted : new Lease(false, hit.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
