namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// The database side of <c>backup</c> and <c>restore</c>: a consistent copy of the live database while the portal
/// serves, and the checks and the move of a restored one. SQLite: <c>VACUUM INTO</c> and <c>PRAGMA integrity_check</c>
/// (Sqlite/SqliteDatabaseBackup); PostgreSQL: pg_dump / pg_restore (Postgres/PostgresDatabaseBackup).
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>The provider's name as the backup's manifest records it, e.g. <c>Sqlite</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// The live database's file, for where a restore stages and puts it. For a server (PostgreSQL) this is where a
    /// restore stages the backup's dump, and the live database is the server's, not a file.
    /// </summary>
    string DatabaseFile { get; }

    /// <summary>Whether there is a live database yet (SQLite: its file exists; a server's database always does).</summary>
    bool LiveDatabaseExists { get; }

    /// <summary>The live database as messages name it: its file, or the server's database.</summary>
    string LiveDatabaseName { get; }

    /// <summary>Writes a consistent copy of the live database, as of the moment the copy starts, to <paramref name="targetFile"/>.</summary>
    Task SnapshotAsync(string targetFile, CancellationToken cancellationToken);

    /// <summary>"ok", or what the database's own integrity check found wrong with <paramref name="databaseFile"/>.</summary>
    Task<string> CheckIntegrityAsync(string databaseFile, CancellationToken cancellationToken);

    /// <summary>The rows of each of <paramref name="tables"/> in <paramref name="databaseFile"/> (0 for a table it lacks).</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string databaseFile, IEnumerable<string> tables, CancellationToken cancellationToken);

    /// <summary>The newest migration applied to <paramref name="databaseFile"/>, or null for a database without the portal's schema.</summary>
    Task<string?> SchemaAsync(string databaseFile, CancellationToken cancellationToken);

    /// <summary>Replaces the live database by <paramref name="restoredFile"/> (moved, not copied); nothing may be using it.</summary>
    Task PlaceAsync(string restoredFile, CancellationToken cancellationToken);
}
