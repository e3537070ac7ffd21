using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Sqlite;

/// <summary>
/// A deferred transaction (<c>BEGIN</c>, not the <c>BEGIN IMMEDIATE</c> EF would start) on a connection of its own:
/// it takes no write lock, and from its first read on WAL shows every query the same committed state while
/// writers go on. The context over it has SQLite's default, non-retrying execution strategy, so rows stream.
/// </summary>
public sealed class SqliteReadSnapshot : IReadSnapshot
{
    private const int BusyTimeoutMilliseconds = 10_000;

    public async Task<ReadSnapshot> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }
        var transaction = connection.BeginTransaction(deferred: true);
        var context = new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>()
            .UseSqlite(connection)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options);
        await context.Database.UseTransactionAsync(transaction, cancellationToken);
        return new ReadSnapshot(context, async () =>
        {
            // Nothing was written: rolling back just ends the read.
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await context.DisposeAsync();
            await connection.DisposeAsync();
        });
    }
}
