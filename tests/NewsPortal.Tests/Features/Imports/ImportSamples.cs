using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Features.Transfer;
using NewsPortal.Web.Operations;

namespace NewsPortal.Tests.Features.Imports;

/// <summary>The sample exports beside these tests, and the two ways to import them: the format itself, or the real command.</summary>
internal static class ImportSamples
{
    public static string PathOf(string name) => Path.Combine(Folder(), "Samples", name);

    public static async Task<(ImportSummary Summary, RecordingProgress Progress)> ImportAsync(IServiceProvider services, string format, string path)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetServices<IImportFormat>().Single(f => f.Name == format);
        var progress = new RecordingProgress();
        var summary = await importer.ImportAsync(path, progress, CancellationToken.None);
        return (summary, progress);
    }

    /// <summary>Runs <c>import …</c> through <see cref="OperatorCommands"/> as the executable does, with the test's own writers.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IServiceProvider services, params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await OperatorCommands.RunAsync(["import", .. arguments], services, new CommandOutput(output, error), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}

internal sealed class RecordingProgress : IProgress<TransferProgress>
{
    private readonly List<TransferProgress> _reports = [];

    public IReadOnlyList<TransferProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(TransferProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
