using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NewsPortal.Tests.Cluster;

/// <summary>docker/compose.scale.yml: PostgreSQL, Redis, 2+ replicas and nginx, wired as docker/local-cluster.sh wires them.</summary>
[Trait("Database", "None")]
public sealed class ComposeScaleFileTests(ITestOutputHelper output)
{
    private static readonly YamlMappingNode Compose = Load();

    private static YamlMappingNode Service(string name) => Map(Map(Compose, "services"), name);

    private static Dictionary<string, string> Environment(string service) =>
        Map(Service(service), "environment").Children.ToDictionary(p => Scalar(p.Key), p => Scalar(p.Value));

    [Fact]
    public void PostgreSQL_15_and_Redis_7_start_first_and_say_when_they_are_healthy()
    {
        Assert.Matches(@"postgres:15\b", Scalar(Service("postgres")["image"]));
        Assert.Matches(@"redis:7\b", Scalar(Service("redis")["image"]));
        Assert.Contains("pg_isready", Flatten(Map(Service("postgres"), "healthcheck")["test"]), StringComparison.Ordinal);
        Assert.Contains("ping", Flatten(Map(Service("redis"), "healthcheck")["test"]), StringComparison.Ordinal);
        Assert.Contains(Volumes("postgres"), v => v == "pgdata:/var/lib/postgresql/data");
    }

    [Fact]
    public void At_least_two_app_replicas_run_the_image_on_PostgreSQL_and_Redis_and_are_ready_only_when_healthz_ready_answers()
    {
        var web = Service("web");
        var replicas = Scalar(Map(web, "deploy")["replicas"]);
        Assert.True(int.Parse(Regex.Match(replicas, @"(\d+)\}?$").Groups[1].Value, CultureInfo.InvariantCulture) >= 2, replicas);
        Assert.False(web.Children.ContainsKey("container_name"), "a fixed container name allows one replica only");
        Assert.False(web.Children.ContainsKey("ports"), "replicas are reached through nginx, not published ports");
        Assert.Contains("/healthz/ready", Flatten(Map(web, "healthcheck")["test"]), StringComparison.Ordinal);
        Assert.Equal("docker/Dockerfile", Scalar(Map(Service("init"), "build")["dockerfile"]));
        Assert.Equal(Scalar(Service("init")["image"]), Scalar(web["image"]));

        var env = Environment("web");
        Assert.Equal("Postgres", env["Database__Provider"]);
        Assert.StartsWith("Host=postgres;", env["ConnectionStrings__Default"], StringComparison.Ordinal);
        Assert.Equal("redis:6379", env["Redis__Configuration"]);
        Assert.Contains("SITE_BASE_URL", env["Site__BaseUrl"], StringComparison.Ordinal);
        Assert.Equal("Production", env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Each_service_waits_for_the_health_of_what_it_needs()
    {
        Assert.Equal("service_healthy", Condition("init", "postgres"));
        Assert.Equal("service_healthy", Condition("init", "redis"));
        Assert.Equal("service_completed_successfully", Condition("web", "init"));
        Assert.Equal("service_healthy", Condition("web", "postgres"));
        Assert.Equal("service_healthy", Condition("web", "redis"));
        Assert.Equal("service_healthy", Condition("nginx", "web"));
    }

    [Fact]
    public void Nginx_serves_the_shared_media_and_static_volumes_with_docker_nginx_conf_and_alone_is_trusted_with_forwarded_headers()
    {
        Assert.Contains("./nginx.conf:/etc/nginx/nginx.conf:ro", Volumes("nginx"));
        Assert.Contains("media:/srv/newsportal/media:ro", Volumes("nginx"));
        Assert.Contains("static:/srv/newsportal/wwwroot:ro", Volumes("nginx"));
        // The paths nginx.conf serves from are the ones mounted.
        var conf = File.ReadAllText(ClusterTools.Docker("nginx.conf"));
        Assert.Contains("root /srv/newsportal/media;", conf, StringComparison.Ordinal);
        Assert.Contains("root /srv/newsportal/wwwroot;", conf, StringComparison.Ordinal);
        Assert.Contains("server web:8080", conf, StringComparison.Ordinal);
        Assert.Equal("http://+:8080", Environment("web")["ASPNETCORE_URLS"]);

        // Every replica writes the media nginx reads, and the init step fills the static volume from the image.
        Assert.Contains(Volumes("web"), v => v == "media:" + Environment("web")["Media__Root"]);
        Assert.Contains(Volumes("init"), v => v.StartsWith("static:", StringComparison.Ordinal));
        Assert.Contains("/app/wwwroot/", Flatten(Service("init")["entrypoint"]), StringComparison.Ordinal);

        var nginxAddress = Scalar(Map(Map(Service("nginx"), "networks"), "backend")["ipv4_address"]);
        Assert.Equal(nginxAddress, Environment("web")["ForwardedHeaders__KnownProxies__0"]);
        Assert.False(Environment("web").ContainsKey("ForwardedHeaders__KnownNetworks__0"));
    }

    [Fact]
    public async Task The_loopback_cluster_gives_its_replicas_the_same_configuration_keys()
    {
        var env = await ClusterTools.RunAsync("bash", [ClusterTools.Docker("local-cluster.sh"), "env", "2"],
            new Dictionary<string, string> { ["LOCAL_CLUSTER_PROVIDER"] = "postgres", ["LOCAL_CLUSTER_REDIS"] = "on" }, TimeSpan.FromSeconds(30));
        Assert.True(env.ExitCode == 0, env.Output);
        var local = env.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l.Split('=', 2)[0], l => l.Split('=', 2)[1]);
        var compose = Environment("web");
        // The key ring is in Redis in both; compose also blanks the image's default folder for it. The first admin:
        // compose's init service creates it with the users command, the loopback replicas with Admin__Email/Password.
        Assert.Equal(compose.Keys.Where(k => k != "DataProtection__KeysPath").Concat(["Admin__Email", "Admin__Password"]).Order(), local.Keys.Order());
        Assert.Equal("Postgres", local["Database__Provider"]);
        Assert.StartsWith("Host=127.0.0.1;Port=55432;", local["ConnectionStrings__Default"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:56379", local["Redis__Configuration"]);
        Assert.Equal("http://127.0.0.1:5402", local["ASPNETCORE_URLS"]);
        Assert.Equal("http://127.0.0.1:8480", local["Site__BaseUrl"]);
        Assert.Equal("127.0.0.1", local["ForwardedHeaders__KnownProxies__0"]);
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_when_it_is_installed()
    {
        var compose = ClusterTools.Which("docker-compose");
        if (compose is null)
        {
            output.WriteLine("Not run: no docker-compose here; the YAML checks above still ran.");
            return;
        }
        var result = await ClusterTools.RunAsync(compose, ["-f", ClusterTools.Docker("compose.scale.yml"), "config", "--quiet"],
            new Dictionary<string, string>
            {
                ["POSTGRES_PASSWORD"] = "test-password",
                ["ADMIN_EMAIL"] = "editor@example.test",
                ["ADMIN_PASSWORD"] = "Test-password-1",
                ["SITE_BASE_URL"] = "https://news.example.test",
            },
            TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static string? Condition(string service, string dependency) =>
        Scalar(Map(Map(Service(service), "depends_on"), dependency)["condition"]);

    private static List<string> Volumes(string service) =>
        ((YamlSequenceNode)Service(service)["volumes"]).Children.Select(Scalar).ToList();

    private static YamlMappingNode Map(YamlMappingNode node, string key)
    {
        Assert.True(node.Children.ContainsKey(key), $"compose.scale.yml: no '{key}'");
        return (YamlMappingNode)node[key];
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static string Flatten(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode sequence => string.Join(" ", sequence.Children.Select(Flatten)),
        _ => node.ToString(),
    };

    private static YamlMappingNode Load()
    {
        // MergingParser resolves the file's "<<: *newsportal-env" merge keys as Compose does.
        using var reader = new StringReader(File.ReadAllText(ClusterTools.Docker("compose.scale.yml")));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
