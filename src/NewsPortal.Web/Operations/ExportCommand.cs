using System.Globalization;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary><c>export &lt;file&gt;</c>: the whole site as one JSON file in the portal's own format, which <c>import</c> reads back.</summary>
public sealed class ExportCommand : IOperatorCommand
{
    private static readonly string[] Flags = ["without-users", "without-audit"];

    public string Name => "export";

    public string Summary => "Write the whole site (articles, revisions, people, comments, media records, users …) as one JSON file that import reads back.";

    public string Usage =>
        "export <file.json> [--without-users] [--without-audit]\n\n" +
        "The file holds staff accounts with their password hashes unless --without-users: keep it as secret as a backup.\n" +
        "Media files are not in it (their records are): copy the media folder too, or use backup. Format: docs/export-format.md.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = options.Keys.Except(Flags, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown option '--{unknown[0]}'.");
        }
        var wrongValue = options.FirstOrDefault(o => o.Value != "true");
        if (wrongValue.Key is not null)
        {
            return await FailAsync(output.Error, $"--{wrongValue.Key} takes no value; got '{wrongValue.Value}'.");
        }
        var paths = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count != 1)
        {
            return await FailAsync(output.Error, paths.Count == 0 ? "Name the file to write." : $"Export to one file; got {paths.Count}.");
        }
        var path = Path.GetFullPath(paths[0]);
        if (Directory.Exists(path))
        {
            return await FailAsync(output.Error, $"'{paths[0]}' is a folder; name the file to write.");
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            await output.Error.WriteLineAsync($"Cannot export: the folder '{folder}' does not exist.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var exporter = scope.ServiceProvider.GetRequiredService<PortalExporter>();
        var exportOptions = new ExportOptions(WithUsers: !options.ContainsKey("without-users"), WithAudit: !options.ContainsKey("without-audit"));
        output.Out.WriteLine($"Exporting the site to {paths[0]} …");
        var progress = CommandProgress.For(output);
        var started = TimeProvider.System.GetTimestamp();
        ExportSummary summary;
        try
        {
            summary = await exporter.ExportAsync(path, exportOptions, progress, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress.Complete();
            await output.Error.WriteLineAsync($"Cannot export to '{paths[0]}': {e.Message}");
            return 1;
        }
        progress.Complete();
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exported {summary.Tables.Sum(t => t.Value):N0} rows of {summary.Tables.Count} tables to {paths[0]} ({summary.Bytes / 1024.0 / 1024.0:0.0} MB) in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s:"));
        foreach (var (table, rows) in summary.Tables)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-24} {rows,10:N0}"));
        }
        if (summary.Left.Count > 0)
        {
            output.Out.WriteLine("  left out: " + string.Join(", ", summary.Left));
        }
        return 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
