using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Data.Configurations;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Search;
using Npgsql;

namespace NewsPortal.Tests.Features.Search;

/// <summary>
/// What either index (SQLite's FTS5 trigram table, PostgreSQL's tsvector + pg_trgm) must do the same, on words
/// no demo article has: ranking, Korean inside longer runs, whole short words, and the characters full-text
/// syntax gives meaning to (<c>' &amp; | ! : * ( ) \</c>) staying plain text.
/// </summary>
public class SearchIndexBehaviourTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private async Task<string> PublishAsync(string headline, string body = "Nothing to see.", string dek = "", DateTime? at = null)
    {
        var builder = ArticleBuilder.Article().WithHeadline(headline).WithBody(body).WithDek(dek);
        if (at is { } time)
        {
            builder.PublishedAt(time);
        }
        return (await factory.SaveAndPublishChangeAsync(builder, ArticleChangeKind.Published)).Slug;
    }

    private async Task<List<string>> SearchAsync(string query)
    {
        // Saves queue their indexing; the background worker does it.
        await factory.DerivedWorkDoneAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(query, 1, CancellationToken.None);
        return page.Results.Select(r => r.Slug).ToList();
    }

    [Fact]
    public async Task A_headline_match_outranks_body_matches_and_equal_matches_come_newest_first()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var older = await PublishAsync("Harbour report", "The gannetwatch volunteers counted birds all day.", at: now.AddHours(-3));
        var newer = await PublishAsync("Harbour report", "The gannetwatch volunteers counted birds all day.", at: now.AddHours(-2));
        var headline = await PublishAsync("Gannetwatch season opens", "Volunteers counted birds.", at: now.AddHours(-5));

        var slugs = await SearchAsync("gannetwatch");

        Assert.Equal([headline, newer, older], slugs);
    }

    [Fact]
    public async Task A_korean_word_is_found_inside_longer_runs_and_a_headline_hit_ranks_first()
    {
        var inBody = await PublishAsync("Summit news", "양측은 남북물류협력단지의 착공을 발표했다.");
        var inHeadline = await PublishAsync("물류협력단지 착공", "Groundbreaking held.");
        await PublishAsync("Unrelated", "물류 협력은 계속된다.");

        var slugs = await SearchAsync("물류협력단지");

        Assert.Equal([inHeadline, inBody], slugs);
    }

    [Fact]
    public async Task A_long_word_finds_its_longer_forms_and_a_short_latin_word_only_whole_words()
    {
        var plural = await PublishAsync("Oystercatchers return to the mudflats");
        var whole = await PublishAsync("Oystercatcher count: EV sales climb");
        var inside = await PublishAsync("Oystercatcher count: levy sales climb");

        Assert.Equal(new[] { plural, whole, inside }.Order(StringComparer.Ordinal), (await SearchAsync("oystercatcher")).Order(StringComparer.Ordinal));
        // "ev" is inside "levy", but not a word of its own there.
        Assert.Equal([whole], await SearchAsync("EV oystercatcher"));
    }

    public static TheoryData<string> SyntaxCharacters() => new()
    {
        "'kittiwakeclub'",
        "kittiwakeclub:*",
        "kittiwakeclub:at",
        "kittiwakeclub & !",
        "!kittiwakeclub",
        "kittiwakeclub | ",
        "(kittiwakeclub))",
        "kittiwakeclub <-> <in>",
        "\\kittiwakeclub\\",
        "kittiwakeclub\0",
        "kittiwakeclub %_",
        "kittiwakeclub 'o''neil",
        "at&t kittiwakeclub",
        "o'neil kittiwakeclub",
        "kittiwakeclub " + new string('\'', 3000),
    };

    [Theory]
    [MemberData(nameof(SyntaxCharacters))]
    public async Task Full_text_syntax_in_a_query_is_plain_text(string query)
    {
        await EnsureKittiwakeArticleAsync();

        Assert.Equal(["kittiwake-club-signs-o-neil-at-t"], await SearchAsync(query));
    }

    [Fact]
    public async Task A_ten_thousand_character_query_of_syntax_characters_is_answered()
    {
        var errorsBefore = factory.Logs.Errors.Count;
        var query = string.Concat(Enumerable.Repeat("&|!:*()'\\\0 ", 1000));

        Assert.Empty(await SearchAsync(query));
        await EnsureKittiwakeArticleAsync();
        Assert.Equal(["kittiwake-club-signs-o-neil-at-t"], await SearchAsync("kittiwakeclub " + query));
        Assert.Equal(["kittiwake-club-signs-o-neil-at-t"], await SearchAsync("in kittiwakeclub " + query));
        Assert.Equal(errorsBefore, factory.Logs.Errors.Count);
    }

    private async Task EnsureKittiwakeArticleAsync()
    {
        const string slug = "kittiwake-club-signs-o-neil-at-t";
        var exists = await factory.WithDbAsync(db => Task.FromResult(db.Articles.Any(a => a.Slug == slug)));
        if (!exists)
        {
            await factory.SaveAndPublishChangeAsync(
                ArticleBuilder.Article(slug).WithHeadline("Kittiwakeclub signs O'Neil in an AT&T-sponsored deal"), ArticleChangeKind.Published);
        }
    }
}

/// <summary>PostgreSQL's own means: the queries are planned onto the indexes the migration made.</summary>
/// <remarks>In test.sh's PostgreSQL pass only, so the SQLite pass reports no skipped test.</remarks>
[Trait("Database", "Postgres")]
public class PostgresSearchIndexTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [PostgresFact]
    public async Task Long_words_use_the_tsvector_index_and_korean_words_the_trigram_index()
    {
        _ = factory.Services;
        await factory.WithDbAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            // The tables are small in a test: the plan that a large archive gets is asked for by forbidding scans.
            await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            {
                await off.ExecuteNonQueryAsync();
            }

            var words = await PlanAsync(connection, "\"Document\" @@ phraseto_tsquery('simple', 'detente')");
            var korean = await PlanAsync(connection, PostgresSearchSchema.AllTextOf("s") + " ILIKE '%한반도%'");

            Assert.Contains("IX_ArticleSearch_Document", words, StringComparison.Ordinal);
            Assert.Contains("IX_ArticleSearch_Text", korean, StringComparison.Ordinal);
        });
    }

    [PostgresFact]
    public async Task Deleting_an_article_removes_its_entry_from_the_index()
    {
        var article = await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().WithHeadline("Puffinparliament convenes"), ArticleChangeKind.Published);
        Assert.Equal(1L, await CountEntriesAsync(article.Id));

        await factory.WithDbAsync(async db =>
        {
            db.Articles.Remove((await db.Articles.FindAsync(article.Id))!);
            await db.SaveChangesAsync();
        });

        Assert.Equal(0L, await CountEntriesAsync(article.Id));
    }

    private Task<long> CountEntriesAsync(int articleId) =>
        factory.WithDbAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"ArticleSearch\" WHERE \"ArticleId\" = @id", connection);
            command.Parameters.AddWithValue("id", articleId);
            return (long)(await command.ExecuteScalarAsync())!;
        });

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string condition)
    {
        await using var explain = new NpgsqlCommand($"EXPLAIN SELECT s.\"ArticleId\" FROM \"ArticleSearch\" s WHERE {condition}", connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}

/// <summary>A fact that only means something on PostgreSQL: skipped, saying so, when the run is on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestProvider.IsPostgres)
        {
            Skip = "PostgreSQL only: run with NEWSPORTAL_TEST_DATABASE=postgres.";
        }
    }
}
