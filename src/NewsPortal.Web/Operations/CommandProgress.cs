using System.Diagnostics;
using System.Globalization;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary>
/// Shows a long command's progress: on a terminal one line redrawn in place ("articles  1,200 / 5,000  24%"),
/// otherwise (a log, a pipe, a test's writer) a plain line when the stage changes and at most every two
/// seconds, so logs stay readable.
/// </summary>
public sealed class CommandProgress(TextWriter writer, bool interactive) : IProgress<TransferProgress>
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string? _stage;
    private bool _lineOpen;

    /// <summary>Progress for the process's own console: redrawn in place only when stdout is a terminal.</summary>
    public static CommandProgress For(CommandOutput output) =>
        new(output.Out, ReferenceEquals(output.Out, Console.Out) && !Console.IsOutputRedirected);

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            var stageChanged = value.Stage != _stage;
            var finished = value.Total is { } total && value.Done >= total;
            if (!interactive && !stageChanged && !finished && _sinceLastLine.Elapsed < PlainInterval)
            {
                return;
            }
            if (interactive && stageChanged && _lineOpen)
            {
                writer.WriteLine();
            }
            _stage = value.Stage;
            _sinceLastLine.Restart();
            var text = Describe(value);
            if (interactive)
            {
                writer.Write("\r" + text.PadRight(60));
                _lineOpen = true;
                if (finished)
                {
                    writer.WriteLine();
                    _lineOpen = false;
                }
            }
            else
            {
                writer.WriteLine(text);
            }
        }
    }

    /// <summary>Ends a redrawn line so the summary starts on its own.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_lineOpen)
            {
                writer.WriteLine();
                _lineOpen = false;
            }
        }
    }

    private static string Describe(TransferProgress value) => value.Total is { } total and > 0
        ? string.Create(CultureInfo.InvariantCulture, $"  {value.Stage,-12} {value.Done,10:N0} / {total:N0}  {100.0 * value.Done / total,3:0}%")
        : string.Create(CultureInfo.InvariantCulture, $"  {value.Stage,-12} {value.Done,10:N0}");
}
