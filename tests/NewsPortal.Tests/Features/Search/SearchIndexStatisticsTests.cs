using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Operations.Generator;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Tests.Features.Search;

/// <summary>
/// FTS5 deletes the pages of every merged segment with a rowid-range statement on ArticleSearch_data.
/// Statistics that call that table tiny make SQLite plan it as a full scan, so each save costs the
/// size of the whole index: these tests pin that such statistics never stay around.
/// </summary>
[Trait("Database", "Sqlite")]
public class SearchIndexStatisticsTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string SegmentDelete = "EXPLAIN QUERY PLAN DELETE FROM ArticleSearch_data WHERE id >= 1 AND id <= 5";

    [Fact]
    public async Task Rebuilding_the_index_drops_statistics_that_would_make_every_merge_scan_the_whole_index()
    {
        _ = factory.Services;
        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, "ANALYZE; INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('ArticleSearch_data', NULL, '2'); ANALYZE sqlite_schema;");
            Assert.StartsWith("SCAN", await PlanAsync(connection));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(null, default) > 0);
        }

        await using (var connection = await OpenAsync())
        {
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'ArticleSearch%'"));
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'Articles'") > 0, "statistics on ordinary tables are kept");
            Assert.Contains("USING INTEGER PRIMARY KEY", await PlanAsync(connection));
        }
        // The portal's own pooled connections must not keep the estimates they had loaded either.
        await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            Assert.Contains("USING INTEGER PRIMARY KEY", await PlanAsync((SqliteConnection)db.Database.GetDbConnection()));
        });
    }

    [Fact]
    public async Task Generating_an_archive_analyzes_the_tables_but_not_the_search_index()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ArticleGenerator>()
                .GenerateAsync(new GeneratorOptions(40, Seed: 3, BodyPoolSize: 5), TextWriter.Null, default);
        }

        await using var connection = await OpenAsync();
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'Articles'") > 0);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'ArticleSearch%'"));
        Assert.Contains("USING INTEGER PRIMARY KEY", await PlanAsync(connection));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        // Unpooled, so each connection loads the statistics as they are now.
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task<string> PlanAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SegmentDelete;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetString(3);
    }
}
