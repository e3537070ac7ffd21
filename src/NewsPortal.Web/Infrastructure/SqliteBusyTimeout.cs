using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Sets SQLite's native busy timeout on every connection the app opens, so a reader that meets an
/// editor's write lock waits inside SQLite (millisecond steps) instead of failing or sleeping in
/// Microsoft.Data.Sqlite's coarser managed retry loop. One native call, no SQL round trip.
/// </summary>
public sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    public const int DefaultMilliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, milliseconds);
        }
    }
}
