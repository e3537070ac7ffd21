using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NewsPortal.Tests.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NewsPortal.Tests.Cluster;

/// <summary>
/// docker/local-cluster.sh for one test class: the topology of docker/compose.scale.yml — PostgreSQL, Redis, two
/// replicas of the Release build and nginx — on loopback, started fresh and stopped at the end. Everything is this test
/// process's own: a state dir named after its PID (the cluster's own PostgreSQL data dir and Redis among it) and free
/// ports, so it never meets the suite's private PostgreSQL (TestSupport/PostgresServer), a benchmark's cluster
/// (bench/cluster.sh, the script's default ports) or another checkout's test run on the same machine.
/// <c>NEWSPORTAL_CLUSTER_PROVIDER</c> (postgres | sqlite) and <c>NEWSPORTAL_CLUSTER_REDIS</c> (on | off) change the
/// wiring for a run by hand; test.sh sets neither.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const string EditorEmail = "cluster-editor@example.test";
    public const string EditorPassword = "Cluster-editor-pass-1";
    private const string StatePrefix = "newsportal-cluster-tests-";

    public static readonly string StateDir = Path.Combine(Path.GetTempPath(), StatePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private static readonly int[] Ports = FreePorts();

    /// <summary>Null when the cluster runs; otherwise why not (only outside CI: in CI a missing server fails).</summary>
    public string? NotRunning { get; private set; }

    public string Provider { get; } = Environment.GetEnvironmentVariable("NEWSPORTAL_CLUSTER_PROVIDER") is { Length: > 0 } provider ? provider : "postgres";
    public string Redis { get; } = Environment.GetEnvironmentVariable("NEWSPORTAL_CLUSTER_REDIS") is { Length: > 0 } redis ? redis : "on";

    public static int NginxPort => Ports[0];
    public static int FirstReplicaPort => Ports[1];
    public static int PostgresPort => Ports[3];
    public static int RedisPort => Ports[4];

    public Uri Nginx { get; } = new($"http://127.0.0.1:{NginxPort}");
    public Uri ReplicaA { get; } = new($"http://127.0.0.1:{FirstReplicaPort}");
    public Uri ReplicaB { get; } = new($"http://127.0.0.1:{FirstReplicaPort + 1}");

    /// <summary>An article scheduled right after start-up, a few seconds ahead, for the exactly-once test.</summary>
    public (int Id, string Slug, string Headline) Scheduled { get; private set; }

    public string StartOutput { get; private set; } = "";

    public Dictionary<string, string> ScriptEnvironment()
    {
        var env = new Dictionary<string, string>
        {
            ["LOCAL_CLUSTER_DIR"] = StateDir,
            ["LOCAL_CLUSTER_PORT"] = NginxPort.ToString(CultureInfo.InvariantCulture),
            ["LOCAL_CLUSTER_FIRST_PORT"] = FirstReplicaPort.ToString(CultureInfo.InvariantCulture),
            ["LOCAL_CLUSTER_REPLICAS"] = "2",
            ["LOCAL_CLUSTER_APP"] = ClusterTools.AppDll,
            ["LOCAL_CLUSTER_ADMIN_EMAIL"] = EditorEmail,
            ["LOCAL_CLUSTER_ADMIN_PASSWORD"] = EditorPassword,
            ["LOCAL_CLUSTER_TIMEOUT"] = "150",
            ["LOCAL_CLUSTER_PG_PORT"] = PostgresPort.ToString(CultureInfo.InvariantCulture),
            ["LOCAL_CLUSTER_REDIS_PORT"] = RedisPort.ToString(CultureInfo.InvariantCulture),
            ["LOCAL_CLUSTER_PROVIDER"] = Provider,
            ["LOCAL_CLUSTER_REDIS"] = Redis,
        };
        return env;
    }

    public async Task InitializeAsync()
    {
        var needsPostgres = Provider != "sqlite";
        var needsRedis = Redis != "off";
        NotRunning = ClusterTools.Missing(
            ("nginx", ClusterTools.Nginx() is not null),
            ("postgresql", !needsPostgres || ClusterTools.HasPostgres()),
            ("redis-server", !needsRedis || ClusterTools.HasRedis()),
            ($"the Release build ({ClusterTools.AppDll})", File.Exists(ClusterTools.AppDll)));
        if (NotRunning is not null)
        {
            return;
        }

        await StopLeftoversAsync();
        await ScriptAsync("stop", TimeSpan.FromSeconds(60));
        if (Directory.Exists(StateDir))
        {
            Directory.Delete(StateDir, recursive: true);
        }
        var start = await ScriptAsync("start", TimeSpan.FromSeconds(300));
        StartOutput = start.Output;
        if (start.ExitCode != 0)
        {
            throw new XunitException("docker/local-cluster.sh start failed:\n" + start.Output);
        }

        // Scheduled now, a few seconds ahead, so the replicas' publishers (every 30 s each) meet it while the other tests run.
        var session = await SignInAsync(ReplicaA);
        var headline = "Scheduled for both replicas " + Guid.NewGuid().ToString("N")[..8];
        var (id, slug) = await CreateDraftAsync(session, headline);
        var at = DateTime.UtcNow.AddSeconds(4).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var scheduled = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/schedule']", new() { ["publishAt"] = at });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Scheduled = (id, slug, headline);
    }

    public async Task DisposeAsync()
    {
        if (NotRunning is null)
        {
            await ScriptAsync("stop", TimeSpan.FromSeconds(90));
        }
    }

    public Task<ClusterTools.Result> ScriptAsync(string command, TimeSpan timeout) =>
        ClusterTools.RunAsync("bash", [ClusterTools.Docker("local-cluster.sh"), command], ScriptEnvironment(), timeout);

    /// <summary>
    /// A test process that died without its DisposeAsync (killed by a timeout, a crash) leaves its cluster running:
    /// stop what the script started there (it needs only the state dir's PID files) and remove the state.
    /// </summary>
    private static async Task StopLeftoversAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), StatePrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(dir)[StatePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId || ProcessRuns(pid))
            {
                continue;
            }
            await ClusterTools.RunAsync("bash", [ClusterTools.Docker("local-cluster.sh"), "stop"],
                new Dictionary<string, string> { ["LOCAL_CLUSTER_DIR"] = dir }, TimeSpan.FromSeconds(60));
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left to the temp cleaner.
            }
        }
    }

    private static bool ProcessRuns(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Nginx, replicas A and B (consecutive: the script numbers them from the first), PostgreSQL, Redis.</summary>
    private static int[] FreePorts()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20000, 30000);
            var ports = new[] { first, first + 1, first + 2, first + 3, first + 4 };
            if (ports.All(PortFree))
            {
                return ports;
            }
        }
        throw new InvalidOperationException("no five consecutive free loopback ports between 20000 and 30005");
    }

    private static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static HttpClient Client(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs the editor in through the real form on <paramref name="at"/>; the cookies can be used at any address.</summary>
    public static async Task<AdminSession> SignInAsync(Uri at, CookieContainer? cookies = null)
    {
        var session = new AdminSession(Client(at, cookies));
        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']",
            new() { ["Email"] = EditorEmail, ["Password"] = EditorPassword });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in at {at} gave {(int)response.StatusCode}");
        return session;
    }

    public static async Task<(int Id, string Slug)> CreateDraftAsync(AdminSession session, string headline)
    {
        var response = await session.SubmitAsync("/admin/articles/new", "form#article-form", new()
        {
            ["Form.Headline"] = headline,
            ["Form.Dek"] = "Written for the cluster test.",
            ["Form.BodyMarkdown"] = "The first paragraph says what happened. The second one says why it matters.",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"creating a draft gave {(int)response.StatusCode}");
        var id = ArticleId(response);
        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        var slug = edit.QuerySelector("input[name='Form.Slug']")?.GetAttribute("value") ?? "";
        return (id, slug);
    }

    /// <summary>The id in a create's redirect to <c>/admin/articles/{id}/edit</c>.</summary>
    public static int ArticleId(HttpResponseMessage created)
    {
        var location = created.Headers.Location?.OriginalString ?? "";
        var match = Regex.Match(location, "^/admin/articles/([0-9]+)/edit$");
        Assert.True(match.Success, $"unexpected redirect '{location}'");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static string ReplicaLog(int replica) => Path.Combine(StateDir, $"replica-{replica}.log");

    public static string ReplicaPidFile(int replica) => Path.Combine(StateDir, $"replica-{replica}.pid");

    /// <summary>Lines of both replicas' logs containing every one of <paramref name="parts"/> (the log is JSON, one event a line).</summary>
    public static int CountLogLines(params string[] parts)
    {
        var count = 0;
        foreach (var replica in new[] { 1, 2 })
        {
            if (!File.Exists(ReplicaLog(replica)))
            {
                continue;
            }
            using var stream = new FileStream(ReplicaLog(replica), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (parts.All(p => line.Contains(p, StringComparison.Ordinal)))
                {
                    count++;
                }
            }
        }
        return count;
    }

    public void Describe(ITestOutputHelper output) =>
        output.WriteLine($"cluster: provider {Provider}, redis {Redis}; nginx :{NginxPort}, replicas :{FirstReplicaPort} and :{FirstReplicaPort + 1}, " +
            $"PostgreSQL :{PostgresPort}, Redis :{RedisPort}; state {StateDir}\n{StartOutput}");
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/> (the replica kill last).</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as int? ?? int.MaxValue);
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
