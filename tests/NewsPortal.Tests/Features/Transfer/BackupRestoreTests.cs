using System.Collections.Concurrent;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Infrastructure;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Operations;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Features.Transfer;

/// <summary>
/// <c>backup</c> while the portal serves, <c>restore</c> into an empty data folder. The backup runs in the serving
/// host (its own services, while 32 readers and an editor use it); the restore runs as the real executable in a
/// child process with a fresh data folder, as an operator runs it, so Program.cs's "no preparation" path is
/// what is tested: nothing is migrated or seeded before the archive is in place.
/// </summary>
[Collection(nameof(DatabaseLockCollection))]
[Trait("Database", "Sqlite")]
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private const int Readers = 32;
    private readonly string _directory = Directory.CreateTempSubdirectory("newsportal-backup-").FullName;

    [Fact]
    public async Task A_backup_taken_while_32_readers_read_and_an_editor_saves_every_second_restores_with_every_save_acknowledged_before_it_began()
    {
        var watch = Stopwatch.StartNew();
        // A small newsroom rather than the demo one: its start (related picks for every article) costs seconds this test does not need.
        using var portal = new EmptyPortalFactory();
        await portal.WithDbAsync(async db =>
        {
            db.Sections.Add(new Section { Slug = "national", Name = "National" });
            db.Authors.Add(new Author { Slug = "desk", Name = "Desk" });
            await db.SaveChangesAsync();
        });
        for (var i = 0; i < 5; i++)
        {
            await portal.SaveAndPublishChangeAsync(ArticleBuilder.Article($"read-{i}").WithHeadline($"Korea story number {i}"), NewsPortal.Web.Features.Articles.ArticleChangeKind.Published);
        }
        var mediaRoot = portal.Services.GetRequiredService<MediaStorage>().Root;
        Directory.CreateDirectory(Path.Combine(mediaRoot, "originals"));
        await File.WriteAllBytesAsync(Path.Combine(mediaRoot, "originals", "photo.png"), [137, 80, 78, 71, 1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(mediaRoot, "cache", "1"));
        await File.WriteAllBytesAsync(Path.Combine(mediaRoot, "cache", "1", "w640.webp"), [1, 2, 3]);
        var editor = await portal.SignInAsync(await portal.CreateUserAsync(Roles.Editor));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s: portal started, editor signed in");
        var acknowledged = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(() => ReadAsync(portal, r, statuses, stop.Token))).ToList();
        var editing = Task.Run(() => EditAsync(editor, acknowledged, statuses, stop.Token));

        await WaitForAsync(() => acknowledged.Count >= 2, TimeSpan.FromSeconds(20));
        var beforeBackup = acknowledged.ToList();
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s: {beforeBackup.Count} saves acknowledged, backup begins");
        var archive = Path.Combine(_directory, "backup.tar.gz");
        var (exitCode, said, complained) = await RunAsync(portal, "backup", archive);
        output.WriteLine(said + complained);
        Assert.True(exitCode == 0, said + complained);
        // The load goes on a little after the backup, so saves after it exist and are not asked for.
        await WaitForAsync(() => acknowledged.Count >= beforeBackup.Count + 1, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Task.WhenAll(readers.Append(editing));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s: load stopped");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(statuses.Keys.All(s => s < 500), "a request answered 5xx during the backup: " + string.Join(", ", statuses.Keys));

        var manifest = await ManifestAsync(archive);
        Assert.Equal("newsportal-backup", manifest.GetProperty("format").GetString());
        Assert.Equal(TestProvider.IsPostgres ? "Postgres" : "Sqlite", manifest.GetProperty("provider").GetString());

        // Restore as an operator does: the executable, an empty data folder (on PostgreSQL also an empty database with
        // the schema, as a portal started once without demo content leaves it), demo content on by default (it must not be seeded).
        var restored = Path.Combine(_directory, "restored");
        var postgres = TestProvider.IsPostgres ? await PostgresServer.CreateDatabaseAsync() : null;
        var (restoreExit, restoreOut) = await RunExecutableAsync(restored, postgres, ["restore", archive]);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s: restored\n{restoreOut}");
        Assert.True(restoreExit == 0, restoreOut);

        HashSet<string> headlines;
        long articles;
        if (postgres is null)
        {
            var database = Path.Combine(restored, "newsportal.db");
            Assert.Equal("ok", await ScalarAsync(database, "PRAGMA integrity_check;"));
            headlines = await HeadlinesAsync(database);
            articles = long.Parse(await ScalarAsync(database, "SELECT count(*) FROM \"Articles\";"), System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            await using var db = TestDatabase.PostgresContext(postgres);
            headlines = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Articles.Select(a => a.Headline).Union(db.Revisions.Select(r => r.Headline)))).ToHashSet(StringComparer.Ordinal);
            articles = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.Articles);
        }
        var missing = beforeBackup.Where(h => !headlines.Contains(h)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} saves acknowledged before the backup are missing, e.g. '{missing.FirstOrDefault()}'");
        Assert.Equal(manifest.GetProperty("counts").GetProperty("Articles").GetInt64(), articles);
        var mediaFiles = manifest.GetProperty("mediaFiles").GetInt32();
        // The original travels; the rendition cache does not (it is rebuilt on demand).
        Assert.Equal(1, mediaFiles);
        Assert.Equal([137, 80, 78, 71, 1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(restored, "media", "originals", "photo.png")));
        Assert.False(Directory.Exists(Path.Combine(restored, "media", "cache")));
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_holds_data_with_one_line()
    {
        using var portal = new NewsPortalFactory(); // the demo newsroom
        var archive = Path.Combine(_directory, "backup.tar.gz");
        Assert.Equal(0, (await RunAsync(portal, "backup", archive)).ExitCode);
        var articles = await portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Articles));

        var (exitCode, _, error) = await RunAsync(portal, "restore", archive);

        Assert.Equal(1, exitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("already holds data", error, StringComparison.Ordinal);
        Assert.Equal(articles, await portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Articles)));
    }

    /// <summary>SQLite's own refusals: the restoring executable runs on a SQLite data folder in either run.</summary>
    [Theory]
    [Trait("Database", "Sqlite")]
    [InlineData("not-gzip", "damaged or not a .tar.gz")]
    [InlineData("no-manifest", "does not begin with manifest.json")]
    [InlineData("escaping-entry", "points outside")]
    [InlineData("bad-database", "integrity check")]
    public async Task Restore_refuses_an_archive_that_is_not_a_sound_backup_with_one_line_and_moves_nothing_in_place(string kind, string said)
    {
        var archive = Path.Combine(_directory, kind + ".tar.gz");
        await WriteBadArchiveAsync(archive, kind);
        var dataFolder = Path.Combine(_directory, "data");

        var (exitCode, text) = await RunExecutableAsync(dataFolder, "restore", archive);

        Assert.True(exitCode == 1, text);
        Assert.Contains(said, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataFolder, "newsportal.db")), "a refused restore left a database behind");
        Assert.False(File.Exists(Path.Combine(_directory, "escaped.txt")), "an entry was written outside the data folder");
    }

    private static async Task WriteBadArchiveAsync(string path, string kind)
    {
        if (kind == "not-gzip")
        {
            await File.WriteAllTextAsync(path, "this is not an archive");
            return;
        }
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        async Task AddAsync(string name, byte[] content)
        {
            using var data = new MemoryStream(content);
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = "newsportal-backup",
            version = 1,
            created = DateTime.UtcNow,
            provider = "Sqlite",
            schema = (string?)null,
            counts = new Dictionary<string, long>(),
            mediaFiles = 0,
            keyFiles = 0,
        });
        switch (kind)
        {
            case "no-manifest":
                await AddAsync("database/newsportal.db", [1, 2, 3]);
                break;
            case "escaping-entry":
                await AddAsync("manifest.json", manifest);
                await AddAsync("media/../../escaped.txt", [1, 2, 3]);
                break;
            case "bad-database":
                await AddAsync("manifest.json", manifest);
                // SQLite's header, then garbage: the file opens as a database and fails its check.
                var bytes = new byte[8192];
                System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0").CopyTo(bytes, 0);
                bytes[16] = 0x10; // page size 4096
                bytes[17] = 0x00;
                bytes[18] = bytes[19] = 1;
                Random.Shared.NextBytes(bytes.AsSpan(100));
                await AddAsync("database/newsportal.db", bytes);
                break;
        }
    }

    private static async Task ReadAsync(NewsPortalFactory portal, int reader, ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        using var client = portal.CreateReaderClient();
        string[] paths = ["/", "/rss.xml", "/sections/national", "/search?q=korea", "/articles/read-1", "/sitemap.xml"];
        for (var n = reader; !stop.IsCancellationRequested; n++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(paths[n % paths.Length], UriKind.Relative), stop);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One save a second through the real editor form; a save is acknowledged by the redirect to its edit page.</summary>
    private static async Task EditAsync(AdminSession editor, ConcurrentQueue<string> acknowledged, ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        var form = await editor.PageAsync("/admin/articles/new");
        while (!stop.IsCancellationRequested)
        {
            var headline = $"Backup save {Guid.NewGuid():N}";
            using var response = await editor.SubmitAsync(form, "form#article-form", new()
            {
                ["Form.Headline"] = headline,
                ["Form.Dek"] = "Saved while a backup runs.",
                ["Form.BodyMarkdown"] = "The body says what happened. A second sentence says why it matters.",
            });
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.EndsWith("/edit", StringComparison.Ordinal) == true)
            {
                acknowledged.Enqueue(headline);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < within, $"not reached within {within.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(NewsPortalFactory factory, params string[] args)
    {
        var (said, complained) = (new StringWriter(), new StringWriter());
        var exitCode = await OperatorCommands.RunAsync(args, factory.Services, new CommandOutput(said, complained), CancellationToken.None);
        return (exitCode, said.ToString(), complained.ToString());
    }

    /// <summary>The built portal run as a command over its own data folder (database, media, keys inside it).</summary>
    private static Task<(int ExitCode, string Output)> RunExecutableAsync(string dataFolder, params string[] arguments) =>
        RunExecutableAsync(dataFolder, null, arguments);

    /// <param name="postgres">A PostgreSQL database for the portal, instead of the SQLite file in the data folder.</param>
    private static async Task<(int ExitCode, string Output)> RunExecutableAsync(string dataFolder, string? postgres, string[] arguments)
    {
        var dll = PortalProcess.AppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Site__BaseUrl"] = "http://127.0.0.1";
        start.Environment["ConnectionStrings__Default"] = postgres ?? $"Data Source={System.IO.Path.Combine(dataFolder, "newsportal.db")}";
        if (postgres is not null)
        {
            start.Environment["Database__Provider"] = "Postgres";
        }
        start.Environment["Media__Root"] = System.IO.Path.Combine(dataFolder, "media");
        start.Environment["DataProtection__KeysPath"] = System.IO.Path.Combine(dataFolder, "keys");
        start.Environment["Logging__Json"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var said = process.StandardOutput.ReadToEndAsync();
        var complained = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await said + await complained);
    }

    private static async Task<JsonElement> ManifestAsync(string archive)
    {
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var first = await tar.GetNextEntryAsync();
        Assert.Equal("manifest.json", first?.Name);
        using var document = await JsonDocument.ParseAsync(first!.DataStream!);
        return document.RootElement.Clone();
    }

    private static async Task<string> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<HashSet<string>> HeadlinesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
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
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }
}
