using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Sets SQLite's native busy timeout on every connection the app opens, so a reader that meets an
/// editor's write lock waits inside SQLite (millisecond steps) instead of failing or sleeping in
/// Microsoft.Data.Sqlite's coarser managed retry loop. One native call, no SQL round trip.
/// Also sets <c>PRAGMA synchronous</c> on every connection: the setting belongs to the connection,
/// not to the file, so it is said each time (one native exec, no result set).
/// </summary>
public sealed class SqliteBusyTimeout(int milliseconds, SqliteSynchronous synchronous = SqliteSynchronous.Normal) : DbConnectionInterceptor
{
    public const int DefaultMilliseconds = 5000;

    private readonly string _synchronousPragma = $"PRAGMA synchronous={(int)synchronous};";

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
            var rc = SQLitePCL.raw.sqlite3_exec(handle, _synchronousPragma);
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}

/// <summary>SQLite's <c>synchronous</c> levels the portal accepts. <c>OFF</c> (0) is not one: with it a crash can corrupt the file.</summary>
public enum SqliteSynchronous
{
    /// <summary>With WAL: every committed transaction survives the process being killed; an OS crash or power cut may lose the last ones, never the file.</summary>
    Normal = 1,

    /// <summary>The WAL is synced at every commit: commits also survive a power cut, at the cost of one fsync per write.</summary>
    Full = 2,

    /// <summary>As Full, and the directory is synced too.</summary>
    Extra = 3,
}
