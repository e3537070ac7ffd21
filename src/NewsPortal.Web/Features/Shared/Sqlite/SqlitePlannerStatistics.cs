using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Shared.Sqlite;

/// <summary>
/// Keeps SQLite's statistics (<c>sqlite_stat1</c>, <c>sqlite_stat4</c>) away from the FTS5 shadow
/// tables (<c>ArticleSearch_data</c> and friends). ANALYZE run while the index is empty or small
/// records them as a few rows; SQLite then plans FTS5's own "delete the pages of a merged segment"
/// statement as a scan of the whole index instead of a rowid range, and every merge, so every save,
/// costs the size of the index. That turned building the index for 100,000 articles from about
/// 1.5 minutes into 31. Without statistics the planner always takes the rowid range.
/// </summary>
public sealed class SqlitePlannerStatistics(NewsPortalDbContext db) : IPlannerStatistics
{
    private const string SearchTables = "ArticleSearch%";
    private static readonly string[] StatisticsTables = ["sqlite_stat1", "sqlite_stat4"];

    public Task AnalyzeAllButSearchIndexAsync(CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
        {
            var tables = new List<string>();
            await using (var list = connection.Command(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE $search", ("$search", SearchTables)))
            {
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                // Table names come from the schema, not from input; quoted because EF names them in Pascal case.
                await connection.ExecuteAsync($"ANALYZE \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", null, cancellationToken);
            }
        }, cancellationToken);

    /// <remarks>
    /// A connection keeps the estimates it has loaded even when the rows are gone, so when there
    /// were any, the pooled connections are let go.
    /// </remarks>
    public async Task<bool> ForgetSearchIndexStatisticsAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        var forgotten = 0;
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var table in StatisticsTables)
            {
                if (await connection.ScalarAsync(
                        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $name)", cancellationToken, ("$name", table)) == 0)
                {
                    continue;
                }
                // The table name is one of the two constants above.
                forgotten += await connection.ExecuteAsync($"DELETE FROM {table} WHERE tbl LIKE $search", null, cancellationToken, ("$search", SearchTables));
            }
        }
        if (forgotten > 0)
        {
            SqliteConnection.ClearAllPools();
        }
        return forgotten > 0;
    }
}
