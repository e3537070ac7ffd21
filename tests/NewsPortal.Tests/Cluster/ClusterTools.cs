using System.Diagnostics;
using System.Text;

namespace NewsPortal.Tests.Cluster;

/// <summary>The repository's files and the servers the cluster tests drive (nginx, PostgreSQL, Redis, bash).</summary>
public static class ClusterTools
{
    /// <summary>With <c>CI=true</c> a missing server fails the run; elsewhere the test says what is missing and passes.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Docker(string file) => Path.Combine(RepoRoot, "docker", file);

    /// <summary>The app the replicas run: the web project's build of this test run's configuration (Release or Debug).</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
            return Path.Combine(RepoRoot, "src", "NewsPortal.Web", "bin", configuration, "net10.0", "NewsPortal.Web.dll");
        }
    }

    public static string? Nginx() => Which("nginx") ?? (File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null);

    public static bool HasPostgres() =>
        Directory.Exists("/usr/lib/postgresql") && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb")));

    public static bool HasRedis() => Which("redis-server") is not null;

    /// <summary>
    /// Null when the tool is there; otherwise the reason, after failing the test when running in CI.
    /// </summary>
    public static string? Missing(params (string Name, bool Present)[] tools)
    {
        var missing = tools.Where(t => !t.Present).Select(t => t.Name).ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        var reason = $"{string.Join(", ", missing)} not installed (tests/NewsPortal.Tests/install-deps.sh installs them)";
        Assert.False(InCi, reason + "; with CI=true this fails instead of skipping");
        return reason;
    }

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Append("/usr/sbin").Append("/sbin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs a program to its end (or kills it after <paramref name="timeout"/>), stdout and stderr together.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, $"{program} timed out after {timeout.TotalSeconds:0} s\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("NewsPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
