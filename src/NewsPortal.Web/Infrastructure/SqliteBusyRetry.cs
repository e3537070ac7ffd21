using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// EF's execution strategy for SQLite: an operation that met another writer's lock for longer than
/// the busy timeout and the command timeout (<c>SQLITE_BUSY</c>, <c>SQLITE_LOCKED</c>) is run again,
/// a bounded number of times after a short, jittered pause. Safe because SQLite reports the lock
/// before it writes anything: EF's save begins with <c>BEGIN IMMEDIATE</c>, which takes the write
/// lock up front, and the change tracker keeps the unsaved changes for the next attempt. When the
/// retries are used up, <see cref="DatabaseBusyResponses"/> answers 503.
/// </summary>
public sealed class SqliteBusyRetry(ExecutionStrategyDependencies dependencies, int maxRetryCount)
    : ExecutionStrategy(dependencies, maxRetryCount, MaxDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>True when <paramref name="exception"/> or one it wraps is SQLite saying the database is locked.</summary>
    public static bool IsBusy(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED })
            {
                return true;
            }
        }
        return false;
    }

    protected override bool ShouldRetryOn(Exception exception) => IsBusy(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var attempt = ExceptionsEncountered.Count;
        if (attempt > MaxRetryCount)
        {
            return null;
        }
        // 100–150 ms, then 200–300 ms …: long enough for a typical save to finish, short next to the timeouts.
        var milliseconds = 100 * attempt * (1 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxDelay.TotalMilliseconds));
    }
}
