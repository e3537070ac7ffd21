namespace NewsPortal.Web.Features.Shared;

/// <summary>
/// Lets at most a fixed number of expensive operations run at once; the others wait asynchronously,
/// in order, or give up when their request is cancelled.
/// </summary>
public abstract class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    protected ConcurrencyGate(int slots)
    {
        Slots = Math.Clamp(slots, 1, 256);
        _slots = new SemaphoreSlim(Slots, Slots);
    }

    public int Slots { get; }

    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await operation();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        GC.SuppressFinalize(this);
    }
}
