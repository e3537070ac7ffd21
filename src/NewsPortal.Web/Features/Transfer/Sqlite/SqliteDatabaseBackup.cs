using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Sqlite;

/// <summary>
/// SQLite's side of backup and restore. <c>VACUUM INTO</c> copies the database inside one read transaction: on WAL
/// the copy is the state committed when it began, editors keep saving meanwhile, and the copy is compact.
/// The files it inspects are opened on their own, unpooled connections, so they can be moved afterwards.
/// </summary>
public sealed class SqliteDatabaseBackup(NewsPortalDbContext db) : IDatabaseBackup
{
    private const int BusyTimeoutMilliseconds = 10_000;

    public string Provider => "Sqlite";

    public string DatabaseFile => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    public bool LiveDatabaseExists => File.Exists(DatabaseFile);

    public string LiveDatabaseName => DatabaseFile;

    public async Task SnapshotAsync(string targetFile, CancellationToken cancellationToken)
    {
        File.Delete(targetFile);
        var live = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        await using var connection = new SqliteConnection(live.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $target;";
        vacuum.Parameters.AddWithValue("$target", targetFile);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string> CheckIntegrityAsync(string databaseFile, CancellationToken cancellationToken)
    {
        try
        {
            return await IntegrityCheckAsync(databaseFile, cancellationToken);
        }
        catch (SqliteException e)
        {
            // A file too damaged to check ("file is not a database") fails the check too.
            return e.Message.ReplaceLineEndings(" ");
        }
    }

    private static async Task<string> IntegrityCheckAsync(string databaseFile, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(databaseFile, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var problems = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            problems.Add(reader.GetString(0));
        }
        return string.Join("; ", problems);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string databaseFile, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(databaseFile, cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await TableExistsAsync(connection, table, cancellationToken)
                ? await ScalarAsync(connection, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", cancellationToken)
                : 0;
        }
        return counts;
    }

    public async Task<string?> SchemaAsync(string databaseFile, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(databaseFile, cancellationToken);
        if (!await TableExistsAsync(connection, "__EFMigrationsHistory", cancellationToken))
        {
            return null;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\";";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task PlaceAsync(string restoredFile, CancellationToken cancellationToken)
    {
        var target = DatabaseFile;
        SqliteConnection.ClearAllPools();
        // The old (empty) database's journal files would otherwise be read as the restored one's.
        foreach (var leftover in new[] { target + "-wal", target + "-shm", target + "-journal" })
        {
            File.Delete(leftover);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(restoredFile, target, overwrite: true);
        return Task.CompletedTask;
    }

    private static async Task<SqliteConnection> OpenAsync(string databaseFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(databaseFile))
        {
            throw new FileNotFoundException($"There is no database at '{databaseFile}'.", databaseFile);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<bool> TableExistsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
