using System.Globalization;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary><c>import</c>: reads a WordPress or Ghost export, a folder of Markdown files or the portal's own export.</summary>
public sealed class ImportCommand : IOperatorCommand
{
    public string Name => "import";

    public string Summary => "Import articles from a WordPress export (WXR), a Ghost export, a Markdown folder or a portal export; re-running updates.";

    /// <summary>An import fills the database itself: demo content first would mix with it (and the portal format needs an empty database).</summary>
    public DatabasePreparation Preparation => DatabasePreparation.MigrateOnly;

    public string Usage => "import <file-or-folder> [--format NAME]  (the format is recognised from the content; --format names it: see the list below)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var formats = scope.ServiceProvider.GetServices<IImportFormat>().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var options = OperatorCommands.ParseOptions(arguments);
        var paths = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values).ToList();
        var unknown = options.Keys.Except(["format"], StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown option '--{unknown[0]}'.", formats);
        }
        if (paths.Count != 1)
        {
            return await FailAsync(output.Error, paths.Count == 0 ? "Name the file or folder to import." : $"Import one file or folder at a time; got {paths.Count}.", formats);
        }
        var path = Path.GetFullPath(paths[0]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return await FailAsync(output.Error, $"No file or folder at '{paths[0]}'.", formats);
        }

        IImportFormat? format;
        if (options.TryGetValue("format", out var named))
        {
            format = formats.FirstOrDefault(f => f.Name.Equals(named, StringComparison.OrdinalIgnoreCase));
            if (format is null)
            {
                return await FailAsync(output.Error, $"Unknown format '{named}'.", formats);
            }
        }
        else
        {
            format = null;
            foreach (var candidate in formats)
            {
                if (await candidate.RecognisesAsync(path, cancellationToken))
                {
                    format = candidate;
                    break;
                }
            }
            if (format is null)
            {
                return await FailAsync(output.Error, $"'{paths[0]}' is not a format import reads; name one with --format.", formats);
            }
        }

        output.Out.WriteLine($"Importing {paths[0]} as {format.Name} …");
        var progress = CommandProgress.For(output);
        var started = TimeProvider.System.GetTimestamp();
        ImportSummary summary;
        try
        {
            summary = await format.ImportAsync(path, progress, cancellationToken);
        }
        catch (ImportFileException e)
        {
            progress.Complete();
            await output.Error.WriteLineAsync($"Cannot import '{paths[0]}': {e.Message}");
            return 1;
        }
        progress.Complete();
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {paths[0]} ({summary.Format}) in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s:"));
        foreach (var line in summary.Lines())
        {
            output.Out.WriteLine("  " + line);
        }
        const int shownWarnings = 20;
        foreach (var warning in summary.Warnings.Take(shownWarnings))
        {
            output.Out.WriteLine("  warning: " + warning);
        }
        if (summary.Warnings.Count > shownWarnings)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {summary.Warnings.Count - shownWarnings} more warnings"));
        }
        return 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message, IEnumerable<IImportFormat> formats)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}\nFormats:");
        foreach (var format in formats)
        {
            await error.WriteLineAsync($"  {format.Name,-12} {format.Description}");
        }
        return 2;
    }
}
