using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Keeps query-planner statistics away from the FTS5 shadow tables (<c>ArticleSearch_data</c> and
/// friends). ANALYZE run while the index is empty or small records them as a few rows; SQLite then
/// plans FTS5's own "delete the pages of a merged segment" statement as a scan of the whole index
/// instead of a rowid range, and every merge, so every save, costs the size of the index. That
/// turned building the index for 100,000 articles from about 1.5 minutes into 31. Without
/// statistics the planner always takes the rowid range.
/// </summary>
public static class SearchIndexStatistics
{
    private const string SearchTables = "ArticleSearch%";

    /// <summary>ANALYZE for every table but the search index's.</summary>
    public static async Task AnalyzeAllButSearchIndexAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE $search";
            SearchIndexer.AddParameter(list, "$search", SearchTables);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var analyze = connection.CreateCommand();
            // Table names come from the schema, not from input; quoted because EF names them in Pascal case.
            analyze.CommandText = $"ANALYZE \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
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
                await using var exists = connection.CreateCommand();
                exists.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $name)";
                SearchIndexer.AddParameter(exists, "$name", table);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    continue;
                }
                await using var delete = connection.CreateCommand();
                delete.CommandText = $"DELETE FROM {table} WHERE tbl LIKE $search";
                SearchIndexer.AddParameter(delete, "$search", SearchTables);
                forgotten += await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        if (forgotten > 0)
        {
            SqliteConnection.ClearAllPools();
        }
        return forgotten > 0;
    }
}
