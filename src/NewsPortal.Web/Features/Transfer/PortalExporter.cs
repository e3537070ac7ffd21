using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>What <c>export</c> leaves out on request: the staff accounts (with their password hashes) and the audit log.</summary>
public sealed record ExportOptions(bool WithUsers = true, bool WithAudit = true);

/// <summary>The rows written per table, in the file's order.</summary>
public sealed record ExportSummary(IReadOnlyList<KeyValuePair<string, long>> Tables, long Bytes, IReadOnlyList<string> Left);

/// <summary>
/// Writes the whole site as one JSON document (docs/export-format.md): an envelope with the format's name and
/// version, the row counts, then every table of the model in foreign-key order, each an array of rows keyed by
/// property name. Rows are streamed from one read snapshot (<see cref="IReadSnapshot"/>), so the file is
/// consistent while the portal serves and memory stays flat whatever the size of the archive.
/// </summary>
public sealed class PortalExporter(NewsPortalDbContext db, IReadSnapshot snapshot, TimeProvider clock)
{
    public const string FormatName = "newsportal-export";
    public const int FormatVersion = 1;
    private const int FlushAt = 256 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Korean text and quotes stay readable; the file is data, never embedded in a page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The tables an export with <paramref name="options"/> writes, in the order it writes them.</summary>
    public IReadOnlyList<PortalTable> TablesFor(ExportOptions options) =>
        PortalTable.InDependencyOrder(db.Model)
            .Where(t => (options.WithUsers || !t.IsStaffAccounts) && (options.WithAudit || !t.IsAudit))
            .ToList();

    /// <summary>Writes the export to <paramref name="path"/>: first to a temporary file beside it, moved into place when complete.</summary>
    public async Task<ExportSummary> ExportAsync(string path, ExportOptions options, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var tables = TablesFor(options);
        var left = PortalTable.InDependencyOrder(db.Model).Select(t => t.Name).Except(tables.Select(t => t.Name)).ToList();
        var temporary = path + ".partial";
        try
        {
            List<KeyValuePair<string, long>> written;
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var read = await snapshot.BeginAsync(db, cancellationToken))
            {
                written = await WriteAsync(read.Db, file, tables, left, progress, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
            return new ExportSummary(written, new FileInfo(path).Length, left);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<List<KeyValuePair<string, long>>> WriteAsync(
        NewsPortalDbContext read, Stream file, IReadOnlyList<PortalTable> tables, IReadOnlyList<string> left, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var counts = new List<KeyValuePair<string, long>>();
        foreach (var table in tables)
        {
            counts.Add(new(table.Name, await EntitySets.Rows(read, table.EntityType).LongCountAsync(cancellationToken)));
        }

        await using var writer = new Utf8JsonWriter(file, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        writer.WriteString("schema", migrations.Any() ? migrations.Max(StringComparer.Ordinal) : "");
        writer.WriteStartArray("left");
        foreach (var name in left)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
        writer.WriteStartObject("counts");
        foreach (var (name, count) in counts)
        {
            writer.WriteNumber(name, count);
        }
        writer.WriteEndObject();

        writer.WriteStartObject("tables");
        var written = new List<KeyValuePair<string, long>>();
        foreach (var (table, total) in tables.Zip(counts.Select(c => c.Value)))
        {
            writer.WritePropertyName(table.Name);
            writer.WriteStartArray();
            long done = 0;
            progress.Report(new TransferProgress(table.Name, 0, total));
            await foreach (var row in EntitySets.Rows(read, table.EntityType).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                writer.WriteStartObject();
                foreach (var column in table.Columns)
                {
                    writer.WritePropertyName(column.Name);
                    column.Write(writer, column.ValueOf(row));
                }
                writer.WriteEndObject();
                done++;
                if (writer.BytesPending > FlushAt)
                {
                    await writer.FlushAsync(cancellationToken);
                    progress.Report(new TransferProgress(table.Name, done, total));
                }
            }
            writer.WriteEndArray();
            progress.Report(new TransferProgress(table.Name, done, Math.Max(done, total)));
            written.Add(new(table.Name, done));
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return written;
    }
}
