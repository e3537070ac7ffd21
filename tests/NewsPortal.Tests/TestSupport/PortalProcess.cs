using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// The built app (src/NewsPortal.Web/bin/&lt;configuration&gt;/net10.0/NewsPortal.Web.dll) as a child process on
/// 127.0.0.1, as operators run it: Production environment, its own data folder, the settings given on top. For the
/// tests where the server must not share a process with the test itself: crashes (SIGKILL) and load (the load
/// generator's threads and garbage collections would otherwise be measured as the server's).
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private const int KeptOutputLines = 60;

    private readonly Dictionary<string, string> _settings;
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private Process? _app;

    public PortalProcess(int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["Site__BaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            ["ConnectionStrings__Default"] = $"Data Source={DatabasePath}",
            ["Media__Root"] = Path.Combine(DataDirectory, "media"),
            ["DataProtection__KeysPath"] = Path.Combine(DataDirectory, "keys"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "newsportal-process", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite file, unless the settings point the app at PostgreSQL.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "newsportal.db");

    /// <summary>The running process, for tests that signal or kill it themselves.</summary>
    public Process App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Lines the app logged at Error or Fatal level, in both console formats (JSON and text).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>The app's last lines of output, to quote in a failure message.</summary>
    public string RecentOutput() => "\napp output:\n" + string.Join('\n', _recentOutput);

    /// <summary>Runs an operator command (e.g. <c>users add …</c>) with the same settings, to its end; fails the test if it fails.</summary>
    public async Task RunCommandAsync(params string[] arguments)
    {
        using var command = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("dotnet did not start.");
        var said = command.StandardOutput.ReadToEndAsync();
        var complained = command.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await command.WaitForExitAsync(timeout.Token);
        Assert.True(command.ExitCode == 0, $"{string.Join(' ', arguments.Take(2))} exited with {command.ExitCode}:\n{await said}\n{await complained}");
    }

    /// <summary>Starts the app and waits for <c>/healthz/ready</c>; returns how long that took from the process start.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan giveUpAfter)
    {
        var stopwatch = Stopwatch.StartNew();
        var app = Process.Start(StartInfo()) ?? throw new InvalidOperationException("dotnet did not start.");
        _app?.Dispose();
        _app = app;
        app.OutputDataReceived += (_, e) => Keep(e.Data);
        app.ErrorDataReceived += (_, e) => Keep(e.Data);
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (stopwatch.Elapsed < giveUpAfter)
        {
            Assert.False(app.HasExited, $"the app exited with {(app.HasExited ? app.ExitCode : 0)}.{RecentOutput()}");
            try
            {
                using var ready = await probe.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return stopwatch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // still starting
            }
            await Task.Delay(50);
        }
        Assert.Fail($"the app was not ready within {giveUpAfter.TotalSeconds:F0} s.{RecentOutput()}");
        return stopwatch.Elapsed;
    }

    /// <summary>SIGTERM, as an orchestrator stops the app: it finishes and exits on its own.</summary>
    public async Task StopGracefullyAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", App.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The built app next to these tests, with this run's configuration (Release or Debug).</summary>
    public static string AppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NewsPortal.sln")))
        {
            root = root.Parent;
        }
        Assert.True(root is not null, "NewsPortal.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root.FullName, "src", "NewsPortal.Web", "bin", configuration, framework, "NewsPortal.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }

    private ProcessStartInfo StartInfo(params string[] arguments)
    {
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (ErrorLine().IsMatch(line))
        {
            _errors.Enqueue(line);
        }
        _recentOutput.Enqueue(line);
        while (_recentOutput.Count > KeptOutputLines && _recentOutput.TryDequeue(out _))
        {
        }
    }

    public void Dispose()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            _app.WaitForExit(10_000);
        }
        _app?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }

    /// <summary>Serilog's compact JSON (<c>"@l":"Error"</c>) or its text template (<c>[12:00:00 ERR]</c>).</summary>
    [GeneratedRegex("\"@l\":\"(Error|Fatal)\"|^\\[\\d\\d:\\d\\d:\\d\\d (ERR|FTL)\\]")]
    private static partial Regex ErrorLine();
}
