using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Controllers;

/// <summary>Every reader page runs a small, fixed number of SQL commands, each on an index.</summary>
public class SqlPerPageTests(RecordingPortalFactory factory) : IClassFixture<RecordingPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    public static TheoryData<string, int> Pages => new()
    {
        { "/articles/pressure-mounts-for-inter-korean-detente", 5 },
        // The article (published rule), the count of its approved comments, one page of them.
        { "/articles/pressure-mounts-for-inter-korean-detente/comments/all", 3 },
        { "/", 4 },
        { "/?page=2", 3 },
        { "/sections/opinion", 4 },
        { "/tags/north-korea", 4 },
        { "/authors/lee-kyong-hee", 4 },
        { "/columns", 3 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_reader_page_runs_a_fixed_number_of_sql_commands(string url, int expected)
    {
        var commands = await RecordAsync(url);

        // Exact, so a new query on a page shows up here, and so does one saved (then lower the number).
        Assert.True(commands.Count == expected, $"{url} ran {commands.Count} commands (expected {expected}):\n" + string.Join("\n---\n", commands.Select(c => c.Text)));
    }

    [Fact]
    public async Task The_number_of_commands_does_not_grow_with_the_number_of_cards()
    {
        var (few, many) = await factory.WithDbAsync(async db =>
        {
            var one = new Author { Slug = "one-story-" + Guid.NewGuid().ToString("N")[..6], Name = "One Story" };
            var prolific = new Author { Slug = "prolific-" + Guid.NewGuid().ToString("N")[..6], Name = "Prolific Writer" };
            var tag = new Tag { Slug = "busy-tag-" + Guid.NewGuid().ToString("N")[..6], Name = "BusyTag" };
            db.AddRange(one, prolific, tag);
            await db.SaveChangesAsync();
            var first = await ArticleBuilder.Article().SaveAsync(db, factory.Clock);
            first.AuthorId = one.Id;
            for (var i = 0; i < 25; i++)
            {
                var article = await ArticleBuilder.Article().SaveAsync(db, factory.Clock);
                article.AuthorId = prolific.Id;
                db.ArticleTags.Add(new ArticleTag { ArticleId = article.Id, TagId = tag.Id });
            }
            await db.SaveChangesAsync();
            return (one.Slug, (prolific.Slug, tag.Slug));
        });

        var oneCard = await RecordAsync($"/authors/{few}");
        var twentyCards = await RecordAsync($"/authors/{many.Item1}");
        var secondPage = await RecordAsync($"/authors/{many.Item1}?page=2");
        var tagPage = await RecordAsync($"/tags/{many.Item2}");

        Assert.Equal(oneCard.Count, twentyCards.Count);
        Assert.Equal(oneCard.Count, secondPage.Count);
        Assert.Equal(oneCard.Count, tagPage.Count);
        var html = await _client.GetStringAsync($"/authors/{many.Item1}");
        Assert.Equal(20, (await Html.ParseAsync(html)).QuerySelectorAll(".card").Length);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?page=2")]
    [InlineData("/sections/opinion")]
    [InlineData("/sections/opinion?page=1")]
    [InlineData("/tags/north-korea")]
    [InlineData("/authors/lee-kyong-hee")]
    [InlineData("/columns")]
    [InlineData("/articles/pressure-mounts-for-inter-korean-detente")]
    [InlineData("/articles/pressure-mounts-for-inter-korean-detente/comments/all")]
    [Trait("Database", "Sqlite")] // SQLite's EXPLAIN QUERY PLAN on the test host's file; the command counts above run on both providers.
    public async Task Every_query_a_reader_page_runs_searches_an_index_and_never_scans_the_articles(string url)
    {
        var commands = await RecordAsync(url);

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var command in commands)
        {
            var plan = await ExplainAsync(connection, command);
            var big = BigTableAliases(command.Text);
            foreach (var line in plan)
            {
                var scanned = line.StartsWith("SCAN ", StringComparison.Ordinal) ? line.Split(' ')[1] : null;
                Assert.False(scanned is not null && big.Contains(scanned),
                    $"{url}: full scan '{line}' in\n{command.Text}\nplan:\n{string.Join('\n', plan)}");
            }
            if (big.Count > 0)
            {
                Assert.Contains(plan, line => line.StartsWith("SEARCH ", StringComparison.Ordinal)
                    && (line.Contains("INDEX", StringComparison.Ordinal) || line.Contains("PRIMARY KEY", StringComparison.Ordinal)));
            }
        }
    }

    private async Task<IReadOnlyList<RecordedCommand>> RecordAsync(string url)
    {
        // First visit warms the small caches (section navigation); the second is what every reader costs.
        using (var warm = await _client.GetAsync(url))
        {
            Assert.True(warm.IsSuccessStatusCode, $"GET {url} gave {(int)warm.StatusCode}");
        }
        factory.Sql.Start();
        using var response = await _client.GetAsync(url);
        var commands = factory.Sql.Stop();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
        return commands;
    }

    /// <summary>Aliases under which the tables that grow with the archive appear in a statement.</summary>
    private static HashSet<string> BigTableAliases(string sql)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "Articles", "ArticleTags", "RelatedLinks", "AutomaticRelatedLinks", "Comments", "Revisions" })
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(sql, $"\"{table}\"(?: AS \"(\\w+)\")?"))
            {
                aliases.Add(match.Groups[1].Success ? match.Groups[1].Value : table);
            }
        }
        return aliases;
    }

    private static async Task<List<string>> ExplainAsync(SqliteConnection connection, RecordedCommand recorded)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return lines;
    }
}
