namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Bounds how many full-text queries run at once (<c>Search:MaxConcurrentQueries</c>, default twice
/// the processor count). A query for a common word holds megabytes of FTS5 doclists while it runs;
/// at 32 concurrent searches that took the portal from 330 to 505 MB without serving them any
/// faster than a few at a time on two cores. Waiting readers wait asynchronously, in order.
/// </summary>
public sealed class SearchGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public SearchGate(IConfiguration configuration)
    {
        MaxConcurrentQueries = Math.Clamp(configuration.GetValue("Search:MaxConcurrentQueries", Environment.ProcessorCount * 2), 1, 256);
        _slots = new SemaphoreSlim(MaxConcurrentQueries, MaxConcurrentQueries);
    }

    public int MaxConcurrentQueries { get; }

    public async Task<T> RunAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await query();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
