using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Data.Configurations;
using Npgsql;

namespace NewsPortal.Web.Features.Search.Postgres;

/// <summary>
/// The search index as the table <c>ArticleSearch</c> (see <see cref="PostgresSearchSchema"/>): the indexer's
/// plain text per article, from which PostgreSQL computes the weighted <c>tsvector</c> itself (a generated
/// column) and keeps both GIN indexes. Written on the context's own connection, every value a parameter.
/// </summary>
public sealed class PostgresSearchIndex(NewsPortalDbContext db) : ISearchIndex
{
    private const string Insert =
        "INSERT INTO \"ArticleSearch\" (\"ArticleId\", \"Headline\", \"Dek\", \"Body\", \"Tags\", \"Author\") ";

    public Task ReplaceAsync(int articleId, SearchDocument? document, CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync(db, async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DeleteAsync(connection, transaction, articleId, cancellationToken);
            if (document is not null)
            {
                await using var insert = new NpgsqlCommand(Insert + "VALUES (@id, @headline, @dek, @body, @tags, @author)", connection, transaction);
                insert.Parameters.AddWithValue("id", document.Id);
                insert.Parameters.AddWithValue("headline", document.Headline);
                insert.Parameters.AddWithValue("dek", document.Dek);
                insert.Parameters.AddWithValue("body", document.Body);
                insert.Parameters.AddWithValue("tags", document.Tags);
                insert.Parameters.AddWithValue("author", document.Author);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync(db, async connection =>
        {
            await DeleteAsync(connection, null, articleId, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM \"ArticleSearch\")", connection);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"ArticleSearch\"", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    public Task<int> RebuildAsync(IAsyncEnumerable<IReadOnlyList<SearchDocument>> batches, CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync(db, async connection =>
        {
            await using (var truncate = new NpgsqlCommand("TRUNCATE \"ArticleSearch\"", connection))
            {
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }
            var stored = 0;
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                // One statement per batch: the columns as arrays, unnested into rows on the server.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var insert = new NpgsqlCommand(
                    Insert + "SELECT * FROM unnest(@ids, @headlines, @deks, @bodies, @tags, @authors)", connection, transaction);
                insert.Parameters.AddWithValue("ids", batch.Select(d => d.Id).ToArray());
                insert.Parameters.AddWithValue("headlines", batch.Select(d => d.Headline).ToArray());
                insert.Parameters.AddWithValue("deks", batch.Select(d => d.Dek).ToArray());
                insert.Parameters.AddWithValue("bodies", batch.Select(d => d.Body).ToArray());
                insert.Parameters.AddWithValue("tags", batch.Select(d => d.Tags).ToArray());
                insert.Parameters.AddWithValue("authors", batch.Select(d => d.Author).ToArray());
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                stored += batch.Count;
            }
            // Merges the GIN indexes' pending lists into the trees and gives the planner the new sizes at once,
            // rather than whenever autovacuum gets to it.
            await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) \"ArticleSearch\"", connection))
            {
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
            return stored;
        }, cancellationToken);

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int articleId, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM \"ArticleSearch\" WHERE \"ArticleId\" = @id", connection, transaction);
        delete.Parameters.AddWithValue("id", articleId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The context's own Npgsql connection, open for the duration of one piece of search work.</summary>
internal static class PostgresSearchConnection
{
    /// <summary>
    /// Runs <paramref name="action"/> on the context's connection. EF counts opens, so queries the context runs
    /// meanwhile share it and leave it open.
    /// </summary>
    public static async Task<T> RunAsync<T>(NewsPortalDbContext db, Func<NpgsqlConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await action((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
