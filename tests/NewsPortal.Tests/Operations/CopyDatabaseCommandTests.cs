using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Operations;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Operations;

/// <summary>The demo newsroom on SQLite, whatever provider the run tests: the source every copy-database test reads.</summary>
public sealed class SqliteDemoPortal(string file) : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Default"] = $"Data Source={file}" },
});

/// <summary>A portal on the PostgreSQL database copy-database filled; demo content on, as a default start has it (it must not be seeded on top).</summary>
public sealed class CopiedPostgresPortal(string connectionString) : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = connectionString },
});

/// <summary>
/// <c>copy-database</c>: a whole SQLite portal into an empty PostgreSQL database. Needs a PostgreSQL server in either
/// run (the private test cluster, or NEWSPORTAL_TEST_POSTGRES).
/// </summary>
[Trait("Database", "Postgres")]
public sealed partial class CopyDatabaseCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("newsportal-copy-").FullName;

    [Fact]
    public async Task The_demo_portal_copied_to_postgres_gives_the_same_reader_pages_and_every_row()
    {
        var file = Path.Combine(_directory, "newsportal.db");
        using var source = new SqliteDemoPortal(file);
        using var sourceClient = source.CreateReaderClient();
        var (article, section, tag, author) = await source.WithDbAsync(async db => (
            await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).Select(a => a.Slug).FirstAsync(),
            await db.Sections.OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync(),
            await db.ArticleTags.GroupBy(t => t.Tag!.Slug).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(),
            await db.Authors.OrderBy(a => a.Id).Select(a => a.Slug).FirstAsync()));
        var word = await source.WithDbAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Headline).FirstAsync());
        word = word.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First().Trim(',', '.', ':', '\'', '"');
        string[] pages = ["/", $"/articles/{article}", $"/sections/{section}", $"/tags/{tag}", $"/authors/{author}", "/columns", "/sitemap.xml", "/rss.xml", $"/search?q={Uri.EscapeDataString(word)}"];
        var before = new Dictionary<string, string>();
        foreach (var page in pages)
        {
            before[page] = await PageAsync(sourceClient, page);
        }
        var sourceCounts = await source.WithDbAsync(async db => new
        {
            Articles = await db.Articles.CountAsync(),
            Revisions = await db.Revisions.CountAsync(),
            Tags = await db.ArticleTags.CountAsync(),
            Related = await db.RelatedLinks.CountAsync(),
            Users = await db.Users.CountAsync(),
        });

        var target = await PostgresServer.CreateDatabaseAsync();
        var (exitCode, said, complained) = await RunAsync(source, "copy-database", "--from", $"Data Source={file}", "--to", target);
        output.WriteLine(said + complained);
        Assert.True(exitCode == 0, said + complained);
        Assert.Contains("Articles", said, StringComparison.Ordinal);
        Assert.DoesNotContain("differs", said, StringComparison.Ordinal);

        using var copy = new CopiedPostgresPortal(target);
        using var copyClient = copy.CreateReaderClient();
        var copiedCounts = await copy.WithDbAsync(async db => new
        {
            Articles = await db.Articles.CountAsync(),
            Revisions = await db.Revisions.CountAsync(),
            Tags = await db.ArticleTags.CountAsync(),
            Related = await db.RelatedLinks.CountAsync(),
            Users = await db.Users.CountAsync(),
        });
        Assert.Equal(sourceCounts, copiedCounts);
        foreach (var page in pages)
        {
            var after = await PageAsync(copyClient, page);
            Assert.True(before[page] == after, $"{page} differs after the copy:\n{FirstDifference(before[page], after)}");
        }

        // The copy's sequences follow the copied ids: a new article gets the next one, not a copied one's.
        var next = await copy.WithDbAsync(async db =>
        {
            var newest = await db.Articles.MaxAsync(a => a.Id);
            var added = await ArticleBuilder.Article("after-the-copy").SaveAsync(db, copy.Clock);
            return (newest, added.Id);
        });
        Assert.True(next.Id > next.newest, $"the new article got id {next.Id}, the copy's newest is {next.newest}");
    }

    [Fact]
    public async Task A_target_that_holds_data_is_refused_with_one_line_and_left_as_it_was()
    {
        var file = Path.Combine(_directory, "newsportal.db");
        using var source = new SqliteDemoPortal(file);
        _ = source.Services;
        var target = await PostgresServer.CreateDatabaseAsync();
        Assert.Equal(0, (await RunAsync(source, "copy-database", "--from", $"Data Source={file}", "--to", target)).ExitCode);
        await using var db = TestDatabase.PostgresContext(target);
        var articles = await db.Articles.CountAsync();

        var (exitCode, _, complained) = await RunAsync(source, "copy-database", "--from", $"Data Source={file}", "--to", target);

        Assert.Equal(1, exitCode);
        Assert.Single(complained.Trim().Split('\n'));
        Assert.Contains("already holds data", complained, StringComparison.Ordinal);
        Assert.Equal(articles, await db.Articles.CountAsync());
    }

    [Theory]
    [InlineData("--from", "Data Source=/nonexistent/newsportal.db", "--to", "Host=127.0.0.1;Database=x", "no SQLite database")]
    [InlineData("--to", "Host=127.0.0.1;Database=x", "--colour", "red", "Unknown option")]
    [InlineData("--from", "{source}", "--to", "", "--to")]
    [InlineData("--from", "{source}", "--to", "not a connection string", "Cannot use the target")]
    public async Task Bad_arguments_are_refused_with_usage_and_nothing_is_copied(string a, string b, string c, string d, string said)
    {
        var file = Path.Combine(_directory, "newsportal.db");
        using var source = new SqliteDemoPortal(file);
        _ = source.Services;
        string[] arguments = [.. new[] { a, b, c, d }.Select(x => x.Replace("{source}", $"Data Source={file}", StringComparison.Ordinal))];

        var (exitCode, _, complained) = await RunAsync(source, ["copy-database", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains(said, complained, StringComparison.Ordinal);
        Assert.Contains("Usage:", complained, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return PerRequest().Replace(body, "${name}=\"…\"");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 200);
        return $"SQLite:     …{expected[from..Math.Min(expected.Length, at + 200)]}…\nPostgreSQL: …{actual[from..Math.Min(actual.Length, at + 200)]}…";
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(SqliteDemoPortal factory, params string[] args)
    {
        var (said, complained) = (new StringWriter(), new StringWriter());
        var exitCode = await OperatorCommands.RunAsync(args, factory.Services, new CommandOutput(said, complained), CancellationToken.None);
        return (exitCode, said.ToString(), complained.ToString());
    }

    /// <summary>What differs per request: antiforgery tokens and CSP nonces.</summary>
    [GeneratedRegex("(?<name>nonce|value(?=\"[A-Za-z0-9_-]{40,}\"))=\"[^\"]*\"")]
    private static partial Regex PerRequest();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
