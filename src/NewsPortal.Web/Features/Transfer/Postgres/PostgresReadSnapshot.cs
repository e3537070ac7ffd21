using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>
/// A <c>REPEATABLE READ READ ONLY</c> transaction on a connection of its own: every query sees the snapshot taken
/// at its first statement, editors go on writing (MVCC never blocks them), and nothing can be written through it.
/// The context over it has Npgsql's default, non-retrying execution strategy, so rows stream instead of being
/// buffered whole as the portal's retrying contexts buffer them.
/// </summary>
public sealed class PostgresReadSnapshot : IReadSnapshot
{
    public async Task<ReadSnapshot> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        NpgsqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(cancellationToken);
            transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
            await connection.DisposeAsync();
            throw;
        }
        var context = new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>()
            .UseNpgsql(connection)
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
