using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NewsPortal.Tests.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NewsPortal.Tests.Cluster;

/// <summary>
/// docker/local-cluster.sh for one test class: PostgreSQL (or one SQLite file), Redis, two replicas of the Release build
/// and nginx on loopback, started fresh in its own state dir and stopped at the end.
/// <c>NEWSPORTAL_CLUSTER_PROVIDER</c> (postgres | sqlite) and <c>NEWSPORTAL_CLUSTER_REDIS</c> (on | off) choose the
/// wiring; by default the script's own.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int NginxPort = 8481;
    public const int FirstReplicaPort = 5404;
    public const string EditorEmail = "cluster-editor@example.test";
    public const string EditorPassword = "Cluster-editor-pass-1";

    public static readonly string StateDir = Path.Combine(Path.GetTempPath(), "newsportal-cluster-tests");

    /// <summary>Null when the cluster runs; otherwise why not (only outside CI: in CI a missing server fails).</summary>
    public string? NotRunning { get; private set; }

    public string Provider { get; } = Environment.GetEnvironmentVariable("NEWSPORTAL_CLUSTER_PROVIDER") ?? "";
    public string Redis { get; } = Environment.GetEnvironmentVariable("NEWSPORTAL_CLUSTER_REDIS") ?? "";

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
        };
        if (Provider.Length > 0)
        {
            env["LOCAL_CLUSTER_PROVIDER"] = Provider;
        }
        if (Redis.Length > 0)
        {
            env["LOCAL_CLUSTER_REDIS"] = Redis;
        }
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
        output.WriteLine($"cluster: provider {(Provider.Length > 0 ? Provider : "script default")}, redis {(Redis.Length > 0 ? Redis : "script default")}; state {StateDir}\n{StartOutput}");
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
