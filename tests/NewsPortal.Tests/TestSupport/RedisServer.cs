using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// A real Redis of the test's own: a <c>redis-server</c> child process on a free loopback port (6390 and up), without
/// persistence, started and answering PING before the constructor returns, killed on dispose. The replica tests kill
/// it mid-test (<see cref="Kill"/>) and bring it back on the same port (<see cref="StartAgain"/>).
/// Without <c>redis-server</c> it fails, never skips: tests/NewsPortal.Tests/install-deps.sh installs it.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public RedisServer()
    {
        var executable = FindExecutable();
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            try
            {
                Start(executable);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind: try another one.
                Stop();
            }
        }
    }

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis connection string of this server (short timeouts: the tests kill it).</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000");

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the server at once, as a crash or a lost network would.</summary>
    public void Kill() => Stop();

    /// <summary>Starts the server again on the same port, empty.</summary>
    public void StartAgain() => Start(FindExecutable());

    public void Dispose() => Stop();

    private void Start(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}:\n{Output}");
            }
            if (Pings())
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Stop()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
            process.Dispose();
        }
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(6390, 7390);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("No free loopback port between 6390 and 7390 for redis-server.");
    }

    private static string FindExecutable()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
        if (path is not null)
        {
            return path;
        }
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        // Never a silent skip: a missing server fails the run, in CI and on a developer's machine alike.
        throw new InvalidOperationException(ci
            ? "redis-server is not installed, and CI=true: tests/NewsPortal.Tests/install-deps.sh must install it (apt: redis-server) before the tests run."
            : "redis-server is not installed; the replica tests need a real Redis. Install it with tests/NewsPortal.Tests/install-deps.sh (apt: redis-server).");
    }
}
