using System.Globalization;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary><c>backup &lt;file.tar.gz&gt;</c>: a consistent copy of the database, the media and the keys while the portal serves.</summary>
public sealed class BackupCommand : IOperatorCommand
{
    public string Name => "backup";

    public string Summary => "Back up the database, the media files and the data-protection keys into one .tar.gz, while the portal serves.";

    public string Usage =>
        "backup <file.tar.gz>\n\n" +
        "Safe while the portal runs: the database copy is the state committed when the backup began. Restore with 'restore'.";

    /// <summary>A backup copies the files as they are; it must never migrate or seed the database it copies.</summary>
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
            return await FailAsync(output.Error, arguments.Count == 0 ? "Name the archive to write." : $"Back up into one file; got {arguments.Count}.");
        }
        var path = Path.GetFullPath(arguments[0]);
        if (Directory.Exists(path))
        {
            return await FailAsync(output.Error, $"'{arguments[0]}' is a folder; name the archive to write.");
        }
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            await output.Error.WriteLineAsync($"Cannot back up: the folder '{Path.GetDirectoryName(path)}' does not exist.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IDatabaseBackup>();
        if (!database.LiveDatabaseExists)
        {
            await output.Error.WriteLineAsync($"Cannot back up: there is no database at '{database.LiveDatabaseName}'.");
            return 1;
        }
        output.Out.WriteLine($"Backing up {database.LiveDatabaseName} to {arguments[0]} …");
        var progress = CommandProgress.For(output);
        var started = TimeProvider.System.GetTimestamp();
        BackupSummary summary;
        try
        {
            summary = await scope.ServiceProvider.GetRequiredService<SiteBackup>().BackupAsync(path, progress, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            progress.Complete();
            await output.Error.WriteLineAsync($"Cannot back up to '{arguments[0]}': {e.Message}");
            return 1;
        }
        progress.Complete();
        var manifest = summary.Manifest;
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backed up in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s to {arguments[0]} ({summary.ArchiveBytes / 1024.0 / 1024.0:0.0} MB, .tar.gz): " +
            $"{manifest.Counts.GetValueOrDefault("Articles"):N0} articles, {manifest.Counts.Values.Sum():N0} rows in {manifest.Counts.Count} tables, " +
            $"{manifest.MediaFiles - summary.FilesGone:N0} media files, {manifest.KeyFiles:N0} key files."));
        if (summary.FilesGone > 0)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {summary.FilesGone} media files were deleted while the backup ran and are not in it."));
        }
        return 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
