using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Keeps the FTS5 table <c>ArticleSearch</c> (rowid = Articles.Id) in step with the articles: a
/// published article (even one scheduled for later — readers' queries filter by time) is in the
/// index with its headline, dek, plain-text body, tag names and author name; anything else is not.
/// </summary>
public sealed class SearchIndexer(NewsPortalDbContext db, IMarkdownRenderer markdown)
{
    private const int BatchSize = 500;

    private sealed record Document(int Id, string Headline, string Dek, string BodyMarkdown, string Author, List<string> Tags);

    /// <summary>Adds, replaces or removes one article's entry according to its current state.</summary>
    public async Task IndexAsync(int articleId, CancellationToken cancellationToken)
    {
        var documents = await LoadAsync(db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.Status == ArticleStatus.Published), cancellationToken);
        await WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DeleteAsync(connection, transaction, articleId, cancellationToken);
            foreach (var document in documents)
            {
                await InsertAsync(connection, transaction, document, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DeleteAsync(connection, transaction, articleId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Whether the index holds anything; stops at the first row, unlike count(*), which reads the whole FTS table.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        var any = false;
        await WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM \"ArticleSearch\" LIMIT 1)";
            any = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }, cancellationToken);
        return any;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM \"ArticleSearch\"";
            count = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }, cancellationToken);
        return count;
    }

    /// <summary>Removes planner statistics that would make index merges scan the whole index (see <see cref="SearchIndexStatistics"/>).</summary>
    public Task<bool> ForgetPlannerStatisticsAsync(CancellationToken cancellationToken) =>
        SearchIndexStatistics.ForgetAsync(db.Database.GetConnectionString()!, cancellationToken);

    /// <summary>Empties the index and fills it from every published article, in batches.</summary>
    /// <param name="progress">Told the running count after each batch.</param>
    public async Task<int> RebuildAsync(Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
        var total = await published.CountAsync(cancellationToken);
        var done = 0;
        await ForgetPlannerStatisticsAsync(cancellationToken);
        await WithConnectionAsync(async connection =>
        {
            await using (var clear = connection.CreateCommand())
            {
                clear.CommandText = "DELETE FROM \"ArticleSearch\"";
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }
            var lastId = 0;
            while (true)
            {
                var after = lastId;
                var batch = await LoadAsync(published.Where(a => a.Id > after).OrderBy(a => a.Id).Take(BatchSize), cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var document in batch)
                {
                    await InsertAsync(connection, transaction, document, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                lastId = batch[^1].Id;
                done += batch.Count;
                progress?.Invoke(done, total);
            }
            await using var optimize = connection.CreateCommand();
            optimize.CommandText = "INSERT INTO \"ArticleSearch\"(\"ArticleSearch\") VALUES ('optimize')";
            await optimize.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        return done;
    }

    private async Task<List<Document>> LoadAsync(IQueryable<Article> query, CancellationToken cancellationToken)
    {
        var rows = await query.Select(a => new { a.Id, a.Headline, a.Dek, a.BodyMarkdown, AuthorName = a.Author!.Name }).ToListAsync(cancellationToken);
        // Tags by id in a second query: a collection join would make SQLite join all of ArticleTags first.
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.ArticleTags.AsNoTracking()
                .Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.Tag!.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.ArticleId, t => t.Name);
        return rows.Select(r => new Document(r.Id, r.Headline, r.Dek, r.BodyMarkdown, r.AuthorName, tags[r.Id].ToList())).ToList();
    }

    private async Task WithConnectionAsync(Func<DbConnection, Task> action, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await action(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, int articleId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM \"ArticleSearch\" WHERE rowid = $id";
        AddParameter(command, "$id", articleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, Document document, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO \"ArticleSearch\"(rowid, headline, dek, body, tags, author) VALUES ($id, $headline, $dek, $body, $tags, $author)";
        AddParameter(command, "$id", document.Id);
        AddParameter(command, "$headline", MarkedText.Clean(document.Headline));
        AddParameter(command, "$dek", MarkedText.Clean(document.Dek));
        AddParameter(command, "$body", MarkedText.Clean(markdown.ToPlainText(document.BodyMarkdown)));
        AddParameter(command, "$tags", MarkedText.Clean(string.Join(' ', document.Tags.Order(StringComparer.Ordinal))));
        AddParameter(command, "$author", MarkedText.Clean(document.Author));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
