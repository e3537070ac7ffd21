using System.Collections.Concurrent;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Media;

/// <summary>
/// At most <see cref="ConcurrencyGate.Slots"/> resizes at once, and one per rendition: concurrent first requests
/// for the same rendition wait for the one resize already running instead of starting their own.
/// </summary>
public sealed class RenditionGate(int slots) : ConcurrencyGate(slots)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _running = new(StringComparer.Ordinal);

    public Task RunOnceAsync(string key, Func<Task> work, CancellationToken cancellationToken)
    {
        var shared = _running.GetOrAdd(key, k => new Lazy<Task>(() => RunAndForgetAsync(k, work)));
        // The shared work is never cancelled by one client leaving; that client only stops waiting.
        return shared.Value.WaitAsync(cancellationToken);
    }

    private async Task RunAndForgetAsync(string key, Func<Task> work)
    {
        try
        {
            await RunAsync(async () =>
            {
                await Task.Run(work);
                return true;
            }, CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}

/// <summary>Counts resizes and cache hits, for tests and the log.</summary>
public sealed class RenditionStats
{
    private long _resizes;
    private long _diskHits;

    public long Resizes => Interlocked.Read(ref _resizes);

    public long DiskHits => Interlocked.Read(ref _diskHits);

    internal void Resized() => Interlocked.Increment(ref _resizes);

    internal void DiskHit() => Interlocked.Increment(ref _diskHits);
}
