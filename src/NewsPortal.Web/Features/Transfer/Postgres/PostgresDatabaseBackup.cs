using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>
/// PostgreSQL's side of backup and restore, where the "database file" is a <c>pg_dump -Fc</c> archive. The snapshot
/// is <c>pg_dump</c>'s own (one REPEATABLE READ transaction: editors keep saving meanwhile); a restore is
/// <c>pg_restore --clean --if-exists --single-transaction</c> into the live database, all of it or nothing. The dump's
/// integrity is <c>pg_restore --list</c> reading its table of contents, and its row counts are read from the dump
/// itself (the COPY blocks of <c>pg_restore --data-only</c>), so a truncated or wrong dump fails before it is placed.
/// The tools run as child processes with the connection's parameters in their environment (PGPASSWORD
/// included), never on their command line, where any user of the machine could read them.
/// </summary>
public sealed class PostgresDatabaseBackup(NewsPortalDbContext db, IWebHostEnvironment environment) : IDatabaseBackup
{
    private readonly Dictionary<string, DumpContents> _dumps = new(StringComparer.Ordinal);

    public string Provider => "Postgres";

    /// <summary>Where restore stages a backup's dump: the data folder, named after the database.</summary>
    public string DatabaseFile => Path.Combine(environment.ContentRootPath, "App_Data", $"{Connection().Database}.pgdump");

    public bool LiveDatabaseExists => true;

    public string LiveDatabaseName
    {
        get
        {
            var connection = Connection();
            return $"PostgreSQL database {connection.Database} on {connection.Host}:{connection.Port}";
        }
    }

    public async Task SnapshotAsync(string targetFile, CancellationToken cancellationToken)
    {
        File.Delete(targetFile);
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", targetFile], cancellationToken);
    }

    public async Task<string> CheckIntegrityAsync(string databaseFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(databaseFile))
        {
            return $"there is no dump at '{databaseFile}'";
        }
        try
        {
            await RunAsync("pg_restore", ["--list", databaseFile], cancellationToken, withConnection: false);
            await ReadDumpAsync(databaseFile, cancellationToken);
            return "ok";
        }
        catch (PostgresToolException e)
        {
            return e.Message;
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string databaseFile, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (databaseFile == DatabaseFile)
        {
            foreach (var table in tables)
            {
                counts[table] = await LiveCountAsync(table, cancellationToken);
            }
            return counts;
        }
        var dump = await ReadDumpAsync(databaseFile, cancellationToken);
        foreach (var table in tables)
        {
            counts[table] = dump.Rows.GetValueOrDefault(table);
        }
        return counts;
    }

    public async Task<string?> SchemaAsync(string databaseFile, CancellationToken cancellationToken) =>
        (await ReadDumpAsync(databaseFile, cancellationToken)).NewestMigration;

    public async Task PlaceAsync(string restoredFile, CancellationToken cancellationToken)
    {
        await RunAsync("pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", Connection().Database!, restoredFile],
            cancellationToken);
        // Pooled connections may hold plans and type caches of the tables the restore replaced.
        NpgsqlConnection.ClearAllPools();
        File.Delete(restoredFile);
    }

    private NpgsqlConnectionStringBuilder Connection() => new(db.Database.GetConnectionString());

    private async Task<long> LiveCountAsync(string table, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(quote_ident(@table)) IS NOT NULL", connection);
            exists.Parameters.AddWithValue("table", table);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>What a dump holds: the rows of each table's COPY block and the newest applied migration.</summary>
    private sealed record DumpContents(Dictionary<string, long> Rows, string? NewestMigration);

    /// <summary>
    /// Streams the dump's data as SQL (<c>pg_restore --data-only --file -</c>) and counts the lines of each COPY block:
    /// COPY's text format escapes newlines inside values, so one line is one row. Read once per file.
    /// </summary>
    private async Task<DumpContents> ReadDumpAsync(string dumpFile, CancellationToken cancellationToken)
    {
        var key = Path.GetFullPath(dumpFile);
        if (_dumps.TryGetValue(key, out var known))
        {
            return known;
        }
        if (!File.Exists(dumpFile))
        {
            throw new FileNotFoundException($"There is no dump at '{dumpFile}'.", dumpFile);
        }
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        string? newestMigration = null;
        string? table = null;
        await RunAsync("pg_restore", ["--data-only", "--file", "-", dumpFile], cancellationToken, withConnection: false, line =>
        {
            if (table is null)
            {
                if (line.StartsWith("COPY ", StringComparison.Ordinal))
                {
                    table = CopiedTable(line);
                    rows[table] = 0;
                }
                return;
            }
            if (line == "\\.")
            {
                table = null;
                return;
            }
            rows[table]++;
            if (table == "__EFMigrationsHistory")
            {
                var id = line.Split('\t')[0];
                if (newestMigration is null || string.CompareOrdinal(id, newestMigration) > 0)
                {
                    newestMigration = id;
                }
            }
        });
        return _dumps[key] = new DumpContents(rows, newestMigration);
    }

    /// <summary>The table of <c>COPY public."Articles" ("Id", …) FROM stdin;</c>: <c>Articles</c>.</summary>
    private static string CopiedTable(string copyLine)
    {
        var name = copyLine["COPY ".Length..];
        var end = name.IndexOf(" (", StringComparison.Ordinal);
        name = end >= 0 ? name[..end] : name[..name.IndexOf(' ', StringComparison.Ordinal)];
        var dot = name.LastIndexOf("\".", StringComparison.Ordinal) is var quotedDot and >= 0 ? quotedDot + 1
            : name.StartsWith('"') ? -1 : name.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            name = name[(dot + 1)..];
        }
        return name.Length > 1 && name[0] == '"' ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : name;
    }

    /// <summary>
    /// Runs one of PostgreSQL's client tools. The connection's host, port, database, user and password go in the
    /// environment (libpq reads PGHOST … PGPASSWORD), never in the arguments; what the tool says on stderr becomes
    /// the error when it fails.
    /// </summary>
    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool withConnection = true, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(PostgresTools.Find(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (withConnection)
        {
            PostgresTools.SetEnvironment(start, Connection());
        }
        using var process = Process.Start(start) ?? throw new PostgresToolException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                onLine?.Invoke(line);
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var stderr = (await errors).Trim();
        if (process.ExitCode != 0)
        {
            throw new PostgresToolException($"{tool} failed (exit code {process.ExitCode}): {(stderr.Length > 0 ? stderr.ReplaceLineEndings(" ") : "no message")}");
        }
    }
}

/// <summary>A PostgreSQL client tool (pg_dump, pg_restore) that could not be run or reported a failure.</summary>
public sealed class PostgresToolException(string message) : Exception(message);

/// <summary>Finds PostgreSQL's client tools and hands them a connection through libpq's environment variables.</summary>
public static class PostgresTools
{
    /// <summary>
    /// The newest installed version's tool (Debian keeps each version under /usr/lib/postgresql/N/bin; pg_dump must be
    /// at least the server's version), else the name alone, for PATH to resolve.
    /// </summary>
    public static string Find(string tool)
    {
        const string Root = "/usr/lib/postgresql";
        if (Directory.Exists(Root))
        {
            var found = Directory.GetDirectories(Root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Path: Path.Combine(d, "bin", tool)))
                .Where(t => t.Version >= 0 && File.Exists(t.Path))
                .OrderByDescending(t => t.Version)
                .Select(t => t.Path)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }
        return tool;
    }

    public static void SetEnvironment(ProcessStartInfo start, NpgsqlConnectionStringBuilder connection)
    {
        Set(start, "PGHOST", connection.Host);
        Set(start, "PGPORT", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(start, "PGDATABASE", connection.Database);
        Set(start, "PGUSER", connection.Username);
        Set(start, "PGPASSWORD", connection.Password);
        Set(start, "PGSSLMODE", connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
    }
}
