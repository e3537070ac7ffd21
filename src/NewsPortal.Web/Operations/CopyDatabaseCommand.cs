using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Transfer;
using NewsPortal.Web.Features.Transfer.Postgres;
using NewsPortal.Web.Features.Transfer.Sqlite;

namespace NewsPortal.Web.Operations;

/// <summary>
/// <c>copy-database</c>: moves a whole SQLite portal into an empty PostgreSQL database, the way up from the embedded
/// default. No second copier: the portal's own export (one read snapshot of the source, every table of the model)
/// and its own import (every row with its ids, in one transaction) carry it, so whatever export and import carry —
/// articles, revisions, people, users and roles, media records, links, comments, audit, sources — arrives. Then the
/// identity sequences follow the ids, the search index is rebuilt on the target, and the tables are vacuumed.
/// </summary>
public sealed class CopyDatabaseCommand : IOperatorCommand
{
    private const string DefaultSqlite = "Data Source=App_Data/newsportal.db";
    private static readonly string[] Known = ["from", "to"];

    public string Name => "copy-database";

    public string Summary => "Copy a whole SQLite portal into an empty PostgreSQL database (the move from the embedded default to a server).";

    public string Usage =>
        "copy-database [--from \"Data Source=App_Data/newsportal.db\"] [--to \"Host=...;Database=...;Username=...;Password=...\"]\n\n" +
        "--from  the SQLite portal to copy; default: ConnectionStrings:Default when Database:Provider is Sqlite, else " + DefaultSqlite + ".\n" +
        "--to    the PostgreSQL database to fill; default: ConnectionStrings:Default when Database:Provider is Postgres.\n" +
        "The target is migrated first and must hold no rows; the source is only read (stop editing there first: later saves are not copied).\n" +
        "Media files are not in the database: copy the media folder (Media:Root) to where the PostgreSQL portal reads it.";

    /// <summary>The command opens both databases itself; the host's own is left as it is.</summary>
    public DatabasePreparation Preparation => DatabasePreparation.None;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = options.Keys.Except(Known, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown option '--{unknown[0]}'.");
        }
        var stray = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values).ToList();
        if (stray.Count > 0)
        {
            return await FailAsync(output.Error, $"Unexpected argument '{stray[0]}'; name the databases with --from and --to.");
        }
        var configuration = services.GetRequiredService<IConfiguration>();
        var configured = configuration.GetConnectionString("Default");
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var isPostgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
        var from = options.GetValueOrDefault("from") ?? (isPostgres ? DefaultSqlite : configured ?? DefaultSqlite);
        var to = options.GetValueOrDefault("to") ?? (isPostgres ? configured : null);
        if (from == "true" || to == "true")
        {
            return await FailAsync(output.Error, "--from and --to each take a connection string.");
        }
        if (string.IsNullOrWhiteSpace(to))
        {
            return await FailAsync(output.Error, "Name the PostgreSQL database to copy into with --to (or run with Database:Provider=Postgres and its ConnectionStrings:Default).");
        }

        var contentRoot = services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        NewsPortalDbContext source;
        PostgresNewsPortalDbContext target;
        string sourceFile, targetName;
        try
        {
            source = SqlitePortalSource.Open(from, contentRoot, out sourceFile);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            return await FailAsync(output.Error, $"Cannot read the source: {e.Message}");
        }
        await using (source)
        {
            try
            {
                target = PostgresPortalTarget.Open(to, out targetName);
            }
            catch (ArgumentException e)
            {
                return await FailAsync(output.Error, $"Cannot use the target: {e.Message}");
            }
            await using (target)
            {
                return await CopyAsync(services, source, sourceFile, target, targetName, output, cancellationToken);
            }
        }
    }

    private static async Task<int> CopyAsync(
        IServiceProvider services, NewsPortalDbContext source, string sourceFile, PostgresNewsPortalDbContext target, string targetName,
        CommandOutput output, CancellationToken cancellationToken)
    {
        var pending = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await output.Error.WriteLineAsync(
                $"Cannot copy: {sourceFile} lacks {pending.Count} of this version's migrations (the newest: {pending[^1]}). Start the SQLite portal once with this version (it migrates), then copy.");
            return 1;
        }
        var started = TimeProvider.System.GetTimestamp();
        output.Out.WriteLine($"Migrating {targetName} …");
        await target.Database.MigrateAsync(cancellationToken);
        var tables = PortalTable.InDependencyOrder(target.Model);
        var held = new List<string>();
        foreach (var table in tables)
        {
            var rows = await CountAsync(target, table.Name, cancellationToken);
            if (rows > 0)
            {
                held.Add(string.Create(CultureInfo.InvariantCulture, $"{rows} {table.Name}"));
            }
        }
        if (held.Count > 0)
        {
            await output.Error.WriteLineAsync(
                $"Cannot copy: {targetName} already holds data ({string.Join(", ", held.Take(3))}); copy-database fills an empty database only (create a new one, or drop and recreate it).");
            return 1;
        }

        var file = Path.Combine(Path.GetTempPath(), $"newsportal-copy-{Guid.NewGuid():N}.json");
        try
        {
            output.Out.WriteLine($"Reading {sourceFile} …");
            var progress = CommandProgress.For(output);
            var exporter = new PortalExporter(source, SqlitePortalSource.Snapshot(), TimeProvider.System);
            var exported = await exporter.ExportAsync(file, new ExportOptions(WithUsers: true, WithAudit: true), progress, cancellationToken);
            progress.Complete();

            output.Out.WriteLine($"Writing {targetName} …");
            progress = CommandProgress.For(output);
            ImportSummary imported;
            try
            {
                imported = await PostgresPortalTarget.Importer(services, target).ImportAsync(file, progress, cancellationToken);
            }
            catch (ImportFileException e)
            {
                progress.Complete();
                await output.Error.WriteLineAsync($"Cannot copy: {e.Message}");
                return 1;
            }
            progress.Complete();
            output.Out.WriteLine("Vacuuming and analysing the target …");
            await PostgresPortalTarget.VacuumAnalyzeAsync(target, cancellationToken);

            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Copied {exported.Tables.Sum(t => t.Value):N0} rows of {exported.Tables.Count} tables from {sourceFile} to {targetName} in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s:"));
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"table",-24} {"source",10} {"target",10}"));
            var mismatched = 0;
            foreach (var (table, rows) in exported.Tables)
            {
                var copied = await CountAsync(target, table, cancellationToken);
                mismatched += copied == rows ? 0 : 1;
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-24} {rows,10:N0} {copied,10:N0}{(copied == rows ? "" : "  <- differs")}"));
            }
            foreach (var warning in imported.Warnings)
            {
                output.Out.WriteLine("  warning: " + warning);
            }
            if (mismatched > 0)
            {
                await output.Error.WriteLineAsync($"copy-database: {mismatched} tables hold a different number of rows on the target than the source had.");
                return 1;
            }
            output.Out.WriteLine("Media files are not in the database: copy the media folder too. Then start the portal with Database:Provider=Postgres.");
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The rows of a table of the model (its name from the model, quoted: not operator input).</summary>
    private static async Task<long> CountAsync(NewsPortalDbContext db, string table, CancellationToken cancellationToken)
    {
        var sql = "SELECT count(*) AS \"Value\" FROM \"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
