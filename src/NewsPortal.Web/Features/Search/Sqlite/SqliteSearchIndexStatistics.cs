using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Search.Sqlite;

/// <summary>
/// Keeps query-planner statistics away from the FTS5 shadow tables (<c>ArticleSearch_data</c> and
/// friends). ANALYZE run while the index is empty or small records them as a few rows; SQLite then
/// plans FTS5's own "delete the pages of a merged segment" statement as a scan of the whole index
/// instead of a rowid range, and every merge, so every save, costs the size of the index. That
/// turned building the index for 100,000 articles from about 1.5 minutes into 31. Without
/// statistics the planner always takes the rowid range.
/// </summary>
public sealed class SqliteSearchIndexStatistics(NewsPortalDbContext db) : ISearchIndexStatistics
{
    private const string SearchTables = "ArticleSearch%";

    Task ISearchIndexStatistics.AnalyzeAllButSearchIndexAsync(DbConnection connection, CancellationToken cancellationToken) =>
        AnalyzeAllButSearchIndexAsync(connection, cancellationToken);

    public Task<bool> ForgetAsync(CancellationToken cancellationToken) =>
        ForgetAsync(db.Database.GetConnectionString()!, cancellationToken);

    /// <summary>ANALYZE for every table but the search index's.</summary>
    public static async Task AnalyzeAllButSearchIndexAsync(DbConnection connection, CancellationToken cancellationToken)
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
    }

    /// <summary>
    /// Deletes any statistics on the search index tables. A connection keeps the estimates it has
    /// loaded even when the rows are gone, so when there were any, the pooled connections are let go.
    /// </summary>
    /// <returns>True when there were statistics to forget.</returns>
    public static async Task<bool> ForgetAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var forgotten = 0;
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var table in new[] { "sqlite_stat1", "sqlite_stat4" })
            {
                if (await connection.ScalarAsync(
                        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $name)", cancellationToken, ("$name", table)) == 0)
                {
                    continue;
                }
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
