using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Sqlite;

/// <summary>
/// A deferred transaction (<c>BEGIN</c>, not the <c>BEGIN IMMEDIATE</c> EF would start): it takes no write lock,
/// and from its first read on WAL shows every query the same committed state, while writers go on.
/// </summary>
public sealed class SqliteReadSnapshot : IReadSnapshot
{
    public async Task<IAsyncDisposable> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = connection.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new SqliteReadTransaction(db, transaction);
    }
}

/// <summary>The open snapshot: disposing it ends the read (a rollback, as nothing was written) and releases the connection.</summary>
internal sealed class SqliteReadTransaction(NewsPortalDbContext db, SqliteTransaction transaction) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await db.Database.UseTransactionAsync(null);
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}
