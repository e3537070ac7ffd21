using System.Globalization;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary><c>restore &lt;file.tar.gz&gt;</c>: puts a backup into an empty data folder, after checking it.</summary>
public sealed class RestoreCommand : IOperatorCommand
{
    public string Name => "restore";

    public string Summary => "Restore a backup (.tar.gz from 'backup') into an empty data folder; the portal must not be running on it.";

    public string Usage =>
        "restore <file.tar.gz>\n\n" +
        "Checks the archive (manifest, the database's integrity check, row counts) before anything is moved in place.\n" +
        "Refuses a database that holds data or a media folder with files. Start the portal afterwards: it migrates as usual.";

    /// <summary>Runs before any migration or demo content touches the (empty) target, which it replaces.</summary>
    public DatabasePreparation Preparation => DatabasePreparation.None;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (options.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown option '{options[0]}'.");
        }
        if (arguments.Count != 1)
        {
            return await FailAsync(output.Error, arguments.Count == 0 ? "Name the backup to restore." : $"Restore one backup; got {arguments.Count}.");
        }
        var path = Path.GetFullPath(arguments[0]);
        if (!File.Exists(path))
        {
            await output.Error.WriteLineAsync($"Cannot restore: there is no file at '{arguments[0]}'.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        output.Out.WriteLine($"Restoring {arguments[0]} …");
        var progress = CommandProgress.For(output);
        var started = TimeProvider.System.GetTimestamp();
        RestoreSummary summary;
        try
        {
            summary = await scope.ServiceProvider.GetRequiredService<SiteRestore>().RestoreAsync(path, progress, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            progress.Complete();
            await output.Error.WriteLineAsync($"Cannot restore '{arguments[0]}': {e.Message}");
            return 1;
        }
        progress.Complete();
        var manifest = summary.Manifest;
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Restored the backup of {manifest.Created:yyyy-MM-dd HH:mm:ss} UTC in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s: " +
            $"{manifest.Counts.GetValueOrDefault("Articles"):N0} articles, {manifest.Counts.Values.Sum():N0} rows in {manifest.Counts.Count} tables (integrity check ok), " +
            $"{summary.MediaFiles:N0} media files, {summary.KeyFiles:N0} key files."));
        foreach (var warning in summary.Warnings)
        {
            output.Out.WriteLine("  warning: " + warning);
        }
        return 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
