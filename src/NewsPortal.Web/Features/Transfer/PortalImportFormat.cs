using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// Reads the portal's own export back (docs/export-format.md) into an empty database, every row with its
/// original ids, table by table in the file's (foreign-key) order, all in one transaction: a file that fails
/// half-way leaves the database as empty as it was. The search index, which the export leaves out because it
/// is derived, is rebuilt afterwards, and identity sequences are moved past the imported ids.
/// </summary>
public sealed class PortalImportFormat(NewsPortalDbContext db, SearchIndexer searchIndexer, IIdentitySequences sequences) : IImportFormat
{
    public string Name => "newsportal";

    public string Description => "The portal's own export (the export command): every table with its ids, into an empty database.";

    public async Task<bool> RecognisesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var reader = new JsonStreamReader(File.OpenRead(path));
            return await reader.ReadTokenAsync(cancellationToken) is (JsonTokenType.StartObject, _)
                && await reader.ReadTokenAsync(cancellationToken) is (JsonTokenType.PropertyName, "format")
                && await reader.ReadTokenAsync(cancellationToken) is (JsonTokenType.String, PortalExporter.FormatName);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public async Task<ImportSummary> ImportAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var ordered = PortalTable.InDependencyOrder(db.Model);
        var tables = ordered.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var table in tables.Values.Where(t => !t.IsStaffAccounts))
        {
            if (await EntitySets.Rows(db, table.EntityType).AnyAsync(cancellationToken))
            {
                throw new ImportFileException(
                    $"the database already holds {table.Name}; the portal format imports into an empty database only (start from an empty data folder with Seed__DemoContent=false).");
            }
        }
        // A portal started once with Admin:Email has its first admin already: then the file's accounts stay out.
        // Without users, what the staff tables hold are the roles every start creates: the file's replace them.
        var keepStaff = true;
        foreach (var table in tables.Values.Where(t => t.IsUsers))
        {
            keepStaff &= !await EntitySets.Rows(db, table.EntityType).AnyAsync(cancellationToken);
        }

        var summary = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => ReadAllAsync(path, tables, ordered.Where(t => t.IsStaffAccounts).Reverse().ToList(), keepStaff, progress, ct), cancellationToken);

        progress.Report(new TransferProgress("search index", 0, null));
        await searchIndexer.RebuildAsync((done, all) => progress.Report(new TransferProgress("search index", done, all)), cancellationToken);
        return summary;
    }

    /// <param name="staffDependentsFirst">The staff tables, each before the tables it refers to: the order to empty them in.</param>
    private async Task<ImportSummary> ReadAllAsync(
        string path, Dictionary<string, PortalTable> tables, IReadOnlyList<PortalTable> staffDependentsFirst, bool keepStaff, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary(Name);
        if (!keepStaff)
        {
            summary.Warn("the database already has staff accounts: the file's users, roles and their links were not imported; authors keep their user ids.");
        }
        using var reader = new JsonStreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var writer = new RowWriter(db, transaction.GetDbTransaction());
        try
        {

            await Expect(reader, JsonTokenType.StartObject, "the file does not start with a JSON object", cancellationToken);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var formatSeen = false;
            while (true)
            {
                var (type, name) = await reader.ReadTokenAsync(cancellationToken);
                if (type == JsonTokenType.EndObject)
                {
                    break;
                }
                switch (name)
                {
                    case "format":
                        var (_, format) = await reader.ReadTokenAsync(cancellationToken);
                        if (format != PortalExporter.FormatName)
                        {
                            throw new ImportFileException($"the file's format is '{format}', not '{PortalExporter.FormatName}'.");
                        }
                        formatSeen = true;
                        break;
                    case "version":
                        var (_, version) = await reader.ReadTokenAsync(cancellationToken);
                        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > PortalExporter.FormatVersion || number < 1)
                        {
                            throw new ImportFileException($"the file is version {version} of the format; this portal reads version {PortalExporter.FormatVersion}.");
                        }
                        break;
                    case "counts":
                        using (var document = await reader.ReadValueAsync(cancellationToken))
                        {
                            foreach (var count in document!.RootElement.EnumerateObject())
                            {
                                counts[count.Name] = count.Value.GetInt64();
                            }
                        }
                        break;
                    case "tables" when formatSeen:
                        await ReadTablesAsync(reader, tables, staffDependentsFirst, counts, keepStaff, writer, summary, progress, cancellationToken);
                        break;
                    case "tables":
                        throw new ImportFileException($"the file does not say it is in the '{PortalExporter.FormatName}' format before its tables.");
                    default:
                        // Something a later version added to the envelope: not needed to restore the rows.
                        (await reader.ReadValueAsync(cancellationToken))?.Dispose();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new ImportFileException($"the file is not valid JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        finally
        {
            writer.Dispose();
        }
        // The rows came with their ids: the database's own next ids must follow them (PostgreSQL's sequences).
        await sequences.ResetAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    private static async Task ReadTablesAsync(
        JsonStreamReader reader, Dictionary<string, PortalTable> tables, IReadOnlyList<PortalTable> staffDependentsFirst, Dictionary<string, long> counts, bool keepStaff,
        RowWriter writer, ImportSummary summary, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        await Expect(reader, JsonTokenType.StartObject, "'tables' is not an object", cancellationToken);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var staffCleared = false;
        while (true)
        {
            var (type, name) = await reader.ReadTokenAsync(cancellationToken);
            if (type == JsonTokenType.EndObject)
            {
                return;
            }
            if (name is null || !tables.TryGetValue(name, out var table))
            {
                throw new ImportFileException($"the file has a table '{name}' this portal does not know (it comes from a newer version?); nothing was imported.");
            }
            var late = table.Principals.FirstOrDefault(p => !read.Contains(p) && counts.ContainsKey(p));
            if (late is not null)
            {
                throw new ImportFileException($"table {name} comes before {late}, which it refers to; the file was not written by export.");
            }
            read.Add(name);
            await Expect(reader, JsonTokenType.StartArray, $"table {name} is not an array of rows", cancellationToken);
            var total = counts.GetValueOrDefault(name);
            var skip = table.IsStaffAccounts && !keepStaff;
            if (table.IsStaffAccounts && keepStaff && !staffCleared)
            {
                foreach (var staff in staffDependentsFirst)
                {
                    await writer.ClearAsync(staff, cancellationToken);
                }
                staffCleared = true;
            }
            progress.Report(new TransferProgress(name, 0, total));
            var done = 0;
            while (await reader.ReadValueAsync(cancellationToken) is { } row)
            {
                using (row)
                {
                    done++;
                    if (!skip)
                    {
                        await writer.InsertAsync(table, row.RootElement, done, cancellationToken);
                    }
                }
                if (done % 1000 == 0)
                {
                    progress.Report(new TransferProgress(name, done, Math.Max(total, done)));
                }
            }
            progress.Report(new TransferProgress(name, done, Math.Max(total, done)));
            if (skip)
            {
                summary.Skipped(name, done);
            }
            else
            {
                summary.Added(name, done);
            }
            if (counts.TryGetValue(name, out var expected) && expected != done)
            {
                summary.Warn($"{name}: the file announces {expected} rows but holds {done}.");
            }
        }
    }

    private static async Task Expect(JsonStreamReader reader, JsonTokenType expected, string otherwise, CancellationToken cancellationToken)
    {
        if ((await reader.ReadTokenAsync(cancellationToken)).Type != expected)
        {
            throw new ImportFileException(otherwise + ".");
        }
    }

    /// <summary>
    /// Inserts rows with their own ids through plain parameterised INSERTs built from the model (quoted by the
    /// provider, values converted by each column's EF type mapping, exactly as EF would write them): no change
    /// tracker to fill, and a column whose value equals its default (a focal point of 0) is written as it is.
    /// One prepared command per table and set of columns.
    /// </summary>
    private sealed class RowWriter(NewsPortalDbContext db, DbTransaction transaction) : IDisposable
    {
        private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public async Task InsertAsync(PortalTable table, JsonElement row, int number, CancellationToken cancellationToken)
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFileException($"{table.Name} row {number} is not an object.");
            }
            var values = new List<(PortalColumn Column, object? Value)>();
            foreach (var property in row.EnumerateObject())
            {
                var column = table.Column(property.Name)
                    ?? throw new ImportFileException($"{table.Name} row {number} has a column '{property.Name}' this portal does not know (the file comes from a newer version?).");
                try
                {
                    values.Add((column, column.Read(property.Value)));
                }
                catch (FormatException e)
                {
                    throw new ImportFileException($"{table.Name} row {number}, {column.Name}: {e.Message}.", e);
                }
            }
            var command = CommandFor(table, values.Select(v => v.Column).ToList());
            command.Parameters.Clear();
            for (var i = 0; i < values.Count; i++)
            {
                var mapping = (RelationalTypeMapping)values[i].Column.Property.GetRelationalTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, _sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture)), values[i].Value, values[i].Column.Property.IsNullable));
            }
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e)
            {
                throw new ImportFileException($"{table.Name} row {number} was refused by the database: {e.Message.ReplaceLineEndings(" ")}", e);
            }
        }

        /// <summary>Empties a table (the start-up roles, before the file's staff accounts come in).</summary>
        public async Task ClearAsync(PortalTable table, CancellationToken cancellationToken)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {_sql.DelimitIdentifier(table.Name, table.EntityType.GetSchema())}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private DbCommand CommandFor(PortalTable table, List<PortalColumn> columns)
        {
            var key = table.Name + ":" + string.Join(',', columns.Select(c => c.Name));
            if (_commands.TryGetValue(key, out var command))
            {
                return command;
            }
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            var names = string.Join(", ", columns.Select(c => _sql.DelimitIdentifier(c.ColumnName)));
            var placeholders = string.Join(", ", columns.Select((_, i) => _sql.GenerateParameterNamePlaceholder("p" + i.ToString(CultureInfo.InvariantCulture))));
            command.CommandText = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.EntityType.GetSchema())} ({names}) VALUES ({placeholders})";
            _commands[key] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
        }
    }
}
