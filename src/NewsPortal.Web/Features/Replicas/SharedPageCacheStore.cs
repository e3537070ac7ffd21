using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>
/// The output cache store of a replica: ASP.NET Core's Redis store, so a page cached or evicted by tag on one replica
/// is cached or evicted on all (<c>Features/Caching/PageCacheEviction</c> evicts through whatever store is registered).
/// While Redis is unreachable the replica caches nothing (every page comes from the database, never a stale copy),
/// and remembers the tags it could not evict; they are evicted first when Redis is back, so a change made during the
/// outage does not leave old pages in the shared cache.
/// </summary>
public sealed class SharedPageCacheStore(IOutputCacheStore redis, RedisConnection connection) : IOutputCacheBufferStore
{
    /// <summary>Bounds the memory an outage can cost; beyond it the pages' own expiry (OutputCache:Seconds) still holds.</summary>
    private const int MaxPendingEvictions = 10_000;

    private readonly ConcurrentDictionary<string, byte> _pendingEvictions = new(StringComparer.Ordinal);
    private readonly IOutputCacheBufferStore? _buffers = redis as IOutputCacheBufferStore;

    /// <summary>Tags evicted while Redis was away and not yet replayed.</summary>
    public int PendingEvictions => _pendingEvictions.Count;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            Remember(tag);
            return;
        }
        try
        {
            await redis.EvictByTagAsync(tag, cancellationToken);
            connection.ReportSuccess();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Remember(tag);
            connection.ReportFailure(exception, "evicting cached pages");
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return null;
        }
        try
        {
            var page = await redis.GetAsync(key, cancellationToken);
            connection.ReportSuccess();
            return page;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "reading a cached page");
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await redis.SetAsync(key, value, tags, validFor, cancellationToken);
            connection.ReportSuccess();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "caching a page");
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (_buffers is null)
        {
            var bytes = await GetAsync(key, cancellationToken);
            if (bytes is null)
            {
                return false;
            }
            await destination.WriteAsync(bytes, cancellationToken);
            return true;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return false;
        }
        try
        {
            var found = await _buffers.TryGetAsync(key, destination, cancellationToken);
            connection.ReportSuccess();
            return found;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "reading a cached page");
            return false;
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (_buffers is null)
        {
            await SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            return;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await _buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            connection.ReportSuccess();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "caching a page");
        }
    }

    internal static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>Usable now, with every eviction owed from an outage done first (a page is never read before them).</summary>
    private async ValueTask<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (!connection.CheckAvailable("the output cache store"))
        {
            return false;
        }
        if (_pendingEvictions.IsEmpty)
        {
            return true;
        }
        foreach (var tag in _pendingEvictions.Keys)
        {
            try
            {
                await redis.EvictByTagAsync(tag, cancellationToken);
                _pendingEvictions.TryRemove(tag, out _);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                connection.ReportFailure(exception, "replaying evictions");
                return false;
            }
        }
        return true;
    }

    private void Remember(string tag)
    {
        if (_pendingEvictions.Count < MaxPendingEvictions)
        {
            _pendingEvictions.TryAdd(tag, 0);
        }
    }
}
