using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>
/// Lets one replica of many run a periodic job per interval. A lease is a row in <c>JobLeases</c> taken with one
/// conditional update ("mine if it has run out or is already mine"), or, for a job never leased before, one insert
/// that the primary key lets only one replica win. Portable LINQ only, so SQLite and PostgreSQL behave alike; the
/// holder renews its lease at every run, and when it stops (crash, scale-down) another replica takes over once the
/// lease has run out.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>This process among the replicas: a fresh id per start, so a restarted replica never mistakes an old lease for its own.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes or renews <paramref name="job"/>'s lease for <paramref name="duration"/>; false when another replica holds it.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = Holder;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        var taken = await db.JobLeases
            .Where(l => l.Name == job && (l.Holder == holder || l.LeasedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeasedUntil, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken))
        {
            return false;
        }
        db.JobLeases.Add(new JobLease { Name = job, Holder = holder, LeasedUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception)
        {
            // Another replica inserted the first lease of this job between our look and our insert: theirs it is.
            logger.LogDebug(exception, "Job {Job}'s first lease went to another replica", job);
            return false;
        }
    }
}
