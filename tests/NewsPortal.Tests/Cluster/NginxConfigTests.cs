using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Comments;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Mvc;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Cluster;

/// <summary>docker/nginx.conf: valid for nginx itself, and in step with the names and limits the app uses.</summary>
[Trait("Database", "None")]
public sealed class NginxConfigTests(ITestOutputHelper output)
{
    private static readonly string Config = File.ReadAllText(ClusterTools.Docker("nginx.conf"));

    [Fact]
    public async Task The_front_configuration_rendered_for_loopback_passes_nginx_t()
    {
        if (ClusterTools.Missing(("nginx", ClusterTools.Nginx() is not null)) is { } missing)
        {
            output.WriteLine("Not run: " + missing);
            return;
        }
        var dir = Directory.CreateTempSubdirectory("np-nginx-t-").FullName;
        try
        {
            var conf = Path.Combine(dir, "nginx.conf");
            var render = await ClusterTools.RunAsync("bash", [ClusterTools.Docker("local-cluster.sh"), "render", conf],
                new Dictionary<string, string> { ["LOCAL_CLUSTER_DIR"] = dir, ["LOCAL_CLUSTER_REPLICAS"] = "3" }, TimeSpan.FromSeconds(30));
            Assert.True(render.ExitCode == 0, render.Output);

            var rendered = await File.ReadAllTextAsync(conf);
            Assert.Contains("server 127.0.0.1:5401 max_fails=2 fail_timeout=10s;", rendered, StringComparison.Ordinal);
            Assert.Contains("server 127.0.0.1:5403 max_fails=2 fail_timeout=10s;", rendered, StringComparison.Ordinal);
            Assert.Contains("listen 127.0.0.1:8480 default_server;", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("web:8080", rendered, StringComparison.Ordinal);

            var test = await ClusterTools.RunAsync(ClusterTools.Nginx()!, ["-t", "-c", conf, "-p", dir + "/"], null, TimeSpan.FromSeconds(30));
            Assert.True(test.ExitCode == 0, test.Output);
            Assert.Contains("test is successful", test.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Brotli_is_commented_out_for_an_nginx_without_the_module_and_rendered_on_it_passes_nginx_t_with_Debians_modules()
    {
        var brotliLines = Config.Split('\n').Where(line => line.TrimEnd().EndsWith("# @brotli", StringComparison.Ordinal)).ToList();
        Assert.Contains(brotliLines, line => line.Contains("load_module", StringComparison.Ordinal));
        Assert.Contains(brotliLines, line => line.Contains("brotli_static on;", StringComparison.Ordinal));
        // As mounted by compose (nginx.org's image has no Brotli module): nothing Brotli is active.
        Assert.All(brotliLines, line => Assert.StartsWith("#", line.TrimStart(), StringComparison.Ordinal));
        Assert.DoesNotMatch(new Regex(@"^\s*(load_module\s+\S*brotli|brotli)", RegexOptions.Multiline), Config);

        if (ClusterTools.Missing(("nginx", ClusterTools.Nginx() is not null),
            ("nginx's Brotli modules (libnginx-mod-http-brotli-filter, -static)", File.Exists("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"))) is { } missing)
        {
            output.WriteLine("Not run: " + missing);
            return;
        }
        var dir = Directory.CreateTempSubdirectory("np-nginx-br-").FullName;
        try
        {
            var conf = Path.Combine(dir, "nginx.conf");
            var render = await ClusterTools.RunAsync("bash", [ClusterTools.Docker("local-cluster.sh"), "render", conf, "on"],
                new Dictionary<string, string> { ["LOCAL_CLUSTER_DIR"] = dir }, TimeSpan.FromSeconds(30));
            Assert.True(render.ExitCode == 0, render.Output);
            var rendered = await File.ReadAllTextAsync(conf);
            Assert.Matches(new Regex(@"^load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module\.so;", RegexOptions.Multiline), rendered);
            Assert.Matches(new Regex(@"^\s+brotli on;", RegexOptions.Multiline), rendered);

            var test = await ClusterTools.RunAsync(ClusterTools.Nginx()!, ["-t", "-c", conf, "-p", dir + "/"], null, TimeSpan.FromSeconds(30));
            Assert.True(test.ExitCode == 0, test.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(AuthCookie.Name + "=CfDJ8abc", true)]
    [InlineData(AuthCookie.HostName + "=CfDJ8abc", true)]
    [InlineData("theme=dark; " + AuthCookie.Name + "C1=chunk; " + AuthCookie.Name + "C2=chunk", true)]
    [InlineData("newsportal.antiforgery=token; theme=dark", false)]
    [InlineData("xnewsportal.authority=1", false)]
    [InlineData("", false)]
    public void The_sign_in_cookie_under_either_name_and_in_chunks_marks_a_request_as_staff(string cookieHeader, bool staff)
    {
        Assert.Equal(staff, MapMatches("newsportal_staff", cookieHeader));
        // The app's own rule agrees for every cookie in the header.
        var names = cookieHeader.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.Split('=')[0]);
        Assert.Equal(staff, names.Any(AuthCookie.Matches));
    }

    [Fact]
    public void A_reader_who_has_just_commented_is_never_served_a_cached_page()
    {
        Assert.True(MapMatches("newsportal_commenter", $"theme=dark; {ReaderCommentCookie.Name}=CfDJ8xyz"));
        Assert.False(MapMatches("newsportal_commenter", "theme=dark"));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/articles/pressure-mounts-for-inter-korean-detente", true)]
    [InlineData("/sections/politics", true)]
    [InlineData("/search", true)]
    [InlineData("/rss.xml", true)]
    [InlineData("/admin", false)]
    [InlineData("/admin/articles", false)]
    [InlineData("/account/login", false)]
    [InlineData("/healthz/ready", false)]
    [InlineData("/media/4/north-korea-v1", false)]
    [InlineData("/articles/", false)]
    public void Only_the_pages_the_app_caches_for_readers_are_micro_cached(string path, bool cached)
    {
        // The map gives 0 for reader pages and 1 (bypass, no store) for everything else.
        Assert.Equal(cached, MapValue("newsportal_not_reader_page", path) == "0");
        Assert.Equal(cached, NewsPortal.Web.Features.Caching.ReaderPagePolicy.IsReaderPage(path));
    }

    [Fact]
    public void The_micro_cache_locks_serves_stale_while_updating_and_never_stores_cookies_or_private_answers()
    {
        var root = Location("/");
        Assert.Matches(@"proxy_cache_valid 200 1s;", root);
        Assert.Matches(@"proxy_cache_lock on;", root);
        Assert.Matches(@"proxy_cache_use_stale updating error timeout", root);
        Assert.Matches(@"proxy_cache_background_update on;", root);
        Assert.Matches(@"proxy_cache_methods GET HEAD;", root);
        Assert.Matches(@"proxy_cache_bypass [^;]*\$newsportal_staff[^;]*\$http_authorization", root);
        Assert.Matches(@"proxy_no_cache [^;]*\$newsportal_staff[^;]*\$upstream_http_set_cookie\s+\$newsportal_private_answer;", root);
        Assert.DoesNotContain("Set-Cookie", Regex.Match(root, "proxy_ignore_headers[^;]*;").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_cache ", Location("/admin"), StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_cache ", Location("/account/"), StringComparison.Ordinal);
        Assert.True(MapMatches("newsportal_private_answer", "private, no-cache"));
        Assert.True(MapMatches("newsportal_private_answer", "no-store"));
        Assert.False(MapMatches("newsportal_private_answer", "public, max-age=60"));
    }

    [Fact]
    public void Idempotent_requests_fail_over_to_the_next_replica_and_posts_are_never_resent()
    {
        Assert.Matches(@"\n\s*proxy_next_upstream error timeout http_502 http_503;", Config);
        Assert.DoesNotMatch(@"\n\s*proxy_next_upstream [^;]*non_idempotent", Config);
        Assert.Matches(@"server web:8080 max_fails=\d+ fail_timeout=\d+s resolve;", Config);
        Assert.Matches(@"keepalive \d+;", Config);
        Assert.Matches(@"proxy_set_header Connection """";", Config);
        Assert.Matches(@"proxy_set_header X-Forwarded-For \$remote_addr;", Config);
        Assert.Matches(@"proxy_set_header X-Forwarded-Proto \$scheme;", Config);
        Assert.Matches(@"proxy_set_header X-Forwarded-Host \$http_host;", Config);
    }

    [Fact]
    public void Uploads_as_large_as_the_app_accepts_them_reach_the_app()
    {
        var upload = typeof(NewsPortal.Web.Areas.Admin.Controllers.MediaController).GetMethod("Upload")!.GetCustomAttribute<MediaUploadAttribute>()!;
        // Mvc/MediaUploadLimits.cs: each file up to twice the limit, plus 1 MiB of form.
        var appLimit = new MediaOptions().MaxUploadBytes * 2 * upload.MaxFiles + 1024 * 1024;
        var media = Location("/admin/media/");
        var megabytes = long.Parse(Regex.Match(media, @"client_max_body_size (\d+)m;").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(megabytes * 1024 * 1024, appLimit, appLimit + 1024 * 1024);
    }

    [Theory]
    [InlineData("w=640&ar=16x9", "image/avif,image/webp,*/*", "w640-q80-16x9", "webp")]
    [InlineData("w=960&q=60", "image/png,image/*;q=0.8", "w960-q60-full", "jpg")]
    [InlineData("w=320&q=70&ar=1x1", "image/webp;q=0, image/jpeg", "w320-q70-1x1", "jpg")]
    [InlineData("", "image/webp", "w0-q80-full", "webp")]
    [InlineData("ar=16x9&w=640", "image/webp", "", "webp")]
    [InlineData("w=640&w=320", "image/webp", "", "webp")]
    public void A_rendition_address_maps_to_the_file_name_the_app_stores_it_under(string query, string accept, string key, string extension)
    {
        Assert.Equal(key, MapValue("newsportal_rendition", query) ?? "");
        Assert.Equal(extension, MapValue("newsportal_rendition_type", accept));
        // MediaRenditions.AcceptsWebp is the app's choice of format for the same Accept header.
        Assert.Equal(extension == "webp", MediaRenditions.AcceptsWebp(accept));
    }

    /// <summary>The body of the <c>location PREFIX {</c> block.</summary>
    private static string Location(string prefix)
    {
        var match = Regex.Match(Config, @"\n\s*location " + Regex.Escape(prefix) + @" \{(?<body>[^}]*)\}");
        Assert.True(match.Success, $"no location {prefix} in nginx.conf");
        return match.Groups["body"].Value;
    }

    private static bool MapMatches(string variable, string input) => MapValue(variable, input) is { } value && value != "0" && value != "";

    /// <summary>Evaluates a <c>map … $variable { … }</c> block as nginx does: exact strings, then regexes in order, else default.</summary>
    private static string? MapValue(string variable, string input)
    {
        var block = Regex.Match(Config, @"map \$\S+ \$" + variable + @" \{(?<body>.*?)\n\s*\}", RegexOptions.Singleline);
        Assert.True(block.Success, $"no map for ${variable} in nginx.conf");
        string? fallback = null;
        var regexes = new List<(string Pattern, string Value)>();
        foreach (Match entry in Regex.Matches(block.Groups["body"].Value, @"^\s*(?<key>""[^""]*""|\S+)\s+(?<value>""[^""]*""|[^;\s]+);", RegexOptions.Multiline))
        {
            var key = entry.Groups["key"].Value.Trim('"');
            var value = entry.Groups["value"].Value.Trim('"');
            if (key == "default")
            {
                fallback = value;
            }
            else if (key.StartsWith('~'))
            {
                regexes.Add((key, value));
            }
            else if (key == input)
            {
                return value;
            }
        }
        foreach (var (pattern, value) in regexes)
        {
            var caseless = pattern.StartsWith("~*", StringComparison.Ordinal);
            var regex = new Regex(pattern[(caseless ? 2 : 1)..], caseless ? RegexOptions.IgnoreCase : RegexOptions.None);
            var match = regex.Match(input);
            if (match.Success)
            {
                return Regex.Replace(value, @"\$(\d)", m => match.Groups[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Value);
            }
        }
        return fallback;
    }
}
