using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NewsPortal.Tests.TestSupport;

/// <summary>The log events the app wrote, for tests that assert nothing went wrong (or something did).</summary>
public sealed class LogCapture(LogEventLevel minimumLevel = LogEventLevel.Verbose) : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= minimumLevel)
        {
            _events.Enqueue(logEvent);
        }
    }

    public IReadOnlyList<LogEvent> All => _events.ToList();

    public IReadOnlyList<LogEvent> Errors => _events.Where(e => e.Level >= LogEventLevel.Error).ToList();

    public IReadOnlyList<LogEvent> Warnings => _events.Where(e => e.Level >= LogEventLevel.Warning).ToList();
}
