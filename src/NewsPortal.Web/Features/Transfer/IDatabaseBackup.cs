namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// The database side of <c>backup</c> and <c>restore</c>: a consistent copy of the live database while the portal
/// serves, and the checks and the move of a restored one. SQLite: <c>VACUUM INTO</c> and <c>PRAGMA integrity_check</c>
/// (Sqlite/SqliteDatabaseBackup); a PostgreSQL provider would add pg_dump / pg_restore beside it.
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>The provider's name as the backup's manifest records it, e.g. <c>Sqlite</c>.</summary>
    string Provider { get; }

    /// <summary>The live database's file, for messages and for where a restore puts it.</summary>
    string DatabaseFile { get; }

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
