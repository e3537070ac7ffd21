using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Features.Discovery;

/// <summary>One article's pending derived work, as the worker read it.</summary>
public sealed record DerivedWorkItem(int ArticleId, ArticleChangeKind Kind, long Version, int Attempts);

/// <summary>A piece of derived work done for every pending article, in registration order, in the worker's own scope.</summary>
public interface IDerivedWorkStep
{
    Task RunAsync(DerivedWorkItem item, CancellationToken cancellationToken);
}

/// <summary>
/// Takes due <c>DerivedWork</c> rows and does their work, safely beside other replicas doing the same: a row is
/// taken with one conditional update (due, and not leased or its lease run out), deleted only after every
/// <see cref="IDerivedWorkStep"/> succeeded and only if its version is the one read (no change arrived meanwhile),
/// and put back with a growing delay when a step fails, so one bad article never holds up the others.
/// </summary>
public sealed class DerivedWorkProcessor(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, ILogger<DerivedWorkProcessor> logger)
{
    /// <summary>How long a taken row is this replica's; a replica that dies mid-work leaves it to another after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(10);
    private const int Batch = 20;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 5 s, 10 s, 20 s … up to 10 minutes.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempts - 1, 20)));

    /// <returns>How many rows this call took and worked on (succeeded or failed); 0 when nothing was due.</returns>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<DerivedWorkItem> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            due = await db.DerivedWork.AsNoTracking()
                .Where(w => w.DueAt <= now && (w.LeasedUntil == null || w.LeasedUntil <= now))
                .OrderBy(w => w.DueAt)
                .Take(Batch)
                .Select(w => new DerivedWorkItem(w.ArticleId, (ArticleChangeKind)w.Kind, w.Version, w.Attempts))
                .ToListAsync(cancellationToken);
        }
        var taken = 0;
        foreach (var item in due)
        {
            if (await TryTakeAsync(item.ArticleId, cancellationToken))
            {
                taken++;
                await ProcessAsync(item, cancellationToken);
            }
        }
        return taken;
    }

    /// <summary>Works until nothing is due (failed rows wait for their retry); for operator commands, which run without the worker.</summary>
    /// <returns>How many rows were taken, and how many are still pending afterwards.</returns>
    public async Task<(int Processed, int Pending)> DrainAsync(CancellationToken cancellationToken)
    {
        var processed = 0;
        int batch;
        while ((batch = await ProcessDueAsync(cancellationToken)) > 0)
        {
            processed += batch;
        }
        await using var scope = scopes.CreateAsyncScope();
        var pending = await scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>().DerivedWork.CountAsync(cancellationToken);
        return (processed, pending);
    }

    private async Task<bool> TryTakeAsync(int articleId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var holder = leases.Holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        return await db.DerivedWork
            .Where(w => w.ArticleId == articleId && w.DueAt <= now && (w.LeasedUntil == null || w.LeasedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeasedBy, holder).SetProperty(w => w.LeasedUntil, until), cancellationToken) == 1;
    }

    private async Task ProcessAsync(DerivedWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                foreach (var step in scope.ServiceProvider.GetServices<IDerivedWorkStep>())
                {
                    await step.RunAsync(item, cancellationToken);
                }
            }
            await CompleteAsync(item, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: give the row back now rather than when the lease runs out, so the next start takes it at once.
            await ReleaseAsync(item.ArticleId, failure: null, CancellationToken.None);
            throw;
        }
        catch (Exception exception)
        {
            var attempts = item.Attempts + 1;
            var delay = RetryDelay(attempts);
            logger.LogError(exception, "Derived work for article {ArticleId} failed (attempt {Attempts}); retrying in {Delay} s",
                item.ArticleId, attempts, delay.TotalSeconds);
            await ReleaseAsync(item.ArticleId, (exception.Message, attempts, delay), CancellationToken.None);
        }
    }

    /// <summary>Deletes the row if no change arrived while it was worked on; otherwise hands it back for another round.</summary>
    private async Task CompleteAsync(DerivedWorkItem item, CancellationToken cancellationToken)
    {
        var holder = leases.Holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        var deleted = await db.DerivedWork
            .Where(w => w.ArticleId == item.ArticleId && w.Version == item.Version && w.LeasedBy == holder)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            // Changed meanwhile: what is left to do is the newer change, which arrived no earlier than its LastEnqueuedAt.
            await db.DerivedWork.Where(w => w.ArticleId == item.ArticleId && w.LeasedBy == holder)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.LeasedBy, (string?)null)
                    .SetProperty(w => w.LeasedUntil, (DateTime?)null)
                    .SetProperty(w => w.EnqueuedAt, w => w.LastEnqueuedAt), cancellationToken);
        }
    }

    private async Task ReleaseAsync(int articleId, (string Message, int Attempts, TimeSpan Delay)? failure, CancellationToken cancellationToken)
    {
        var holder = leases.Holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        var mine = db.DerivedWork.Where(w => w.ArticleId == articleId && w.LeasedBy == holder);
        if (failure is not { } f)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(w => w.LeasedBy, (string?)null).SetProperty(w => w.LeasedUntil, (DateTime?)null), cancellationToken);
            return;
        }
        var dueAt = clock.GetUtcNow().UtcDateTime + f.Delay;
        var message = f.Message.Length > 1000 ? f.Message[..1000] : f.Message;
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(w => w.LeasedBy, (string?)null)
            .SetProperty(w => w.LeasedUntil, (DateTime?)null)
            .SetProperty(w => w.Attempts, f.Attempts)
            .SetProperty(w => w.DueAt, dueAt)
            .SetProperty(w => w.LastError, message), cancellationToken);
    }
}

/// <summary>
/// Runs <see cref="DerivedWorkProcessor"/> whenever work is enqueued in this process, and every
/// <see cref="PollInterval"/> on the app's clock for work from other replicas, retries that came due, and rows left
/// from before a restart (the first round runs at start).
/// </summary>
public sealed class DerivedWorkService(DerivedWorkProcessor processor, DerivedWorkSignal signal, TimeProvider clock, ILogger<DerivedWorkService> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host finishes starting while the first round runs.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            try
            {
                if (await processor.ProcessDueAsync(stoppingToken) > 0)
                {
                    continue;
                }
                await Task.WhenAny(woken, Task.Delay(PollInterval, clock, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A locked or unreachable database: log, wait a round, try again; the rows are still there.
                logger.LogError(exception, "Looking for derived work failed; retrying in {Interval} s", PollInterval.TotalSeconds);
                try
                {
                    await Task.Delay(PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
