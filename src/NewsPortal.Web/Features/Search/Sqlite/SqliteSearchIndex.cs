using System.Data.Common;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared.Sqlite;

namespace NewsPortal.Web.Features.Search.Sqlite;

/// <summary>
/// The search index as the FTS5 trigram table <c>ArticleSearch</c> (rowid = Articles.Id; see the
/// AddArticleSearchIndex migration), written on the context's own connection.
/// </summary>
public sealed class SqliteSearchIndex(NewsPortalDbContext db) : ISearchIndex
{
    public Task ReplaceAsync(int articleId, SearchDocument? document, CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DeleteAsync(connection, transaction, articleId, cancellationToken);
            if (document is not null)
            {
                await InsertAsync(connection, transaction, document, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DeleteAsync(connection, transaction, articleId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    // Stops at the first row, unlike count(*), which reads the whole FTS table.
    public Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
            await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM \"ArticleSearch\" LIMIT 1)", cancellationToken) == 1, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        db.WithConnectionAsync(connection => connection.ScalarAsync("SELECT count(*) FROM \"ArticleSearch\"", cancellationToken), cancellationToken);

    public Task<int> RebuildAsync(IAsyncEnumerable<IReadOnlyList<SearchDocument>> batches, CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
        {
            await connection.ExecuteAsync("DELETE FROM \"ArticleSearch\"", null, cancellationToken);
            var stored = 0;
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var document in batch)
                {
                    await InsertAsync(connection, transaction, document, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                stored += batch.Count;
            }
            // Merges the segments the batches left into one, so queries read one b-tree per term.
            await connection.ExecuteAsync("INSERT INTO \"ArticleSearch\"(\"ArticleSearch\") VALUES ('optimize')", null, cancellationToken);
            return stored;
        }, cancellationToken);

    private static Task<int> DeleteAsync(DbConnection connection, DbTransaction transaction, int articleId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync("DELETE FROM \"ArticleSearch\" WHERE rowid = $id", transaction, cancellationToken, ("$id", articleId));

    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "INSERT INTO \"ArticleSearch\"(rowid, headline, dek, body, tags, author) VALUES ($id, $headline, $dek, $body, $tags, $author)",
            transaction,
            cancellationToken,
            ("$id", document.Id),
            ("$headline", document.Headline),
            ("$dek", document.Dek),
            ("$body", document.Body),
            ("$tags", document.Tags),
            ("$author", document.Author));
}
