using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Transfer.Postgres;

namespace NewsPortal.Web.Operations.Generator.Postgres;

/// <summary>
/// Bulk inserts on PostgreSQL: <c>COPY … FROM STDIN (FORMAT BINARY)</c> through Npgsql's binary importer, one
/// COPY per table and batch, the batch in one transaction, on a connection of its own. The same rows as SQLite's
/// writer: articles (with their explicit ids), revisions, tags, curated related links and comments. Tag rows
/// carry only the article and the tag: the BEFORE INSERT trigger fires for COPY as for INSERT and copies the
/// article's status and publish time. Articles come with explicit ids, so after each batch the identity
/// sequences move past them (the portal's own inserts would collide otherwise).
/// </summary>
public sealed class PostgresBulkArticleWriter(NewsPortalDbContext db) : IBulkArticleWriter
{
    public async Task<IBulkArticleSession> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Each batch is committed once; waiting for the WAL flush of that one commit is all the durability it needs.
            await using (var command = new NpgsqlCommand("SET synchronous_commit = off", connection))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return new PostgresBulkArticleSession(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One open writing session on the writer's own connection.</summary>
internal sealed class PostgresBulkArticleSession(NpgsqlConnection connection) : IBulkArticleSession
{
    private const string ArticlesCopy =
        "COPY \"Articles\" (\"Id\", \"Slug\", \"Kind\", \"Headline\", \"Dek\", \"BodyMarkdown\", \"BodyHtml\", \"Excerpt\", \"KeyPoints\", \"ReadingMinutes\", " +
        "\"AuthorId\", \"SectionId\", \"SourceId\", \"WireCredit\", \"HeroImageUrl\", \"HeroCaption\", \"HeroCredit\", \"HeroAlt\", \"Language\", " +
        "\"TranslationGroup\", \"Status\", \"CommentsClosed\", \"PublishedAt\", \"CreatedAt\", \"UpdatedAt\", \"RevisedAt\", \"Version\") FROM STDIN (FORMAT BINARY)";

    private const string RevisionsCopy =
        "COPY \"Revisions\" (\"ArticleId\", \"Headline\", \"Dek\", \"BodyMarkdown\", \"SavedByName\", \"SavedAt\") FROM STDIN (FORMAT BINARY)";

    private const string TagsCopy = "COPY \"ArticleTags\" (\"ArticleId\", \"TagId\") FROM STDIN (FORMAT BINARY)";

    private const string RelatedCopy = "COPY \"RelatedLinks\" (\"ArticleId\", \"RelatedArticleId\", \"Position\") FROM STDIN (FORMAT BINARY)";

    private const string CommentsCopy =
        "COPY \"Comments\" (\"ArticleId\", \"DisplayName\", \"Email\", \"Body\", \"Status\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)";

    public async Task WriteBatchAsync(IReadOnlyList<PlannedArticle> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(ArticlesCopy, batch, WriteArticleAsync, cancellationToken);
        await CopyAsync(RevisionsCopy, batch, WriteRevisionAsync, cancellationToken);
        await CopyAsync(TagsCopy, batch, WriteTagsAsync, cancellationToken);
        await CopyAsync(RelatedCopy, batch, WriteRelatedAsync, cancellationToken);
        await CopyAsync(CommentsCopy, batch, WriteCommentsAsync, cancellationToken);
        await using (var sequences = new NpgsqlCommand(PostgresIdentitySequences.ResetSql, connection, transaction))
        {
            await sequences.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task CopyAsync(
        string copy, IReadOnlyList<PlannedArticle> batch, Func<NpgsqlBinaryImporter, PlannedArticle, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var planned in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await write(importer, planned, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteArticleAsync(NpgsqlBinaryImporter w, PlannedArticle planned, CancellationToken ct)
    {
        var a = planned.Article;
        await w.StartRowAsync(ct);
        await w.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(a.Slug, NpgsqlDbType.Varchar, ct);
        // Enums are stored by name, as EF Core's configuration says.
        await w.WriteAsync(a.Kind.ToString(), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(a.Headline, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(a.Dek, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(a.Body.Markdown, NpgsqlDbType.Text, ct);
        await w.WriteAsync(a.Body.Html, NpgsqlDbType.Text, ct);
        await w.WriteAsync(a.Body.Excerpt, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(a.Body.KeyPoints, NpgsqlDbType.Text, ct);
        await w.WriteAsync(a.Body.ReadingMinutes, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(a.AuthorId, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(a.SectionId, NpgsqlDbType.Integer, ct);
        await WriteOrNullAsync(w, a.SourceId, NpgsqlDbType.Integer, ct);
        await WriteOrNullAsync(w, a.WireCredit, NpgsqlDbType.Varchar, ct);
        await WriteOrNullAsync(w, a.HeroImageUrl, NpgsqlDbType.Varchar, ct);
        await WriteOrNullAsync(w, a.HeroCaption, NpgsqlDbType.Varchar, ct);
        await WriteOrNullAsync(w, a.HeroCredit, NpgsqlDbType.Varchar, ct);
        await WriteOrNullAsync(w, a.HeroAlt, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(a.Language, NpgsqlDbType.Varchar, ct);
        await WriteOrNullAsync(w, a.TranslationGroup, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        await WriteOrNullAsync(w, Utc(a.PublishedAt), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(Utc(a.CreatedAt), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(Utc(a.UpdatedAt), NpgsqlDbType.TimestampTz, ct);
        await WriteOrNullAsync(w, Utc(a.RevisedAt), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(a.Version, NpgsqlDbType.Uuid, ct);
    }

    private static async Task WriteRevisionAsync(NpgsqlBinaryImporter w, PlannedArticle planned, CancellationToken ct)
    {
        var r = planned.Revision;
        await w.StartRowAsync(ct);
        await w.WriteAsync(planned.Article.Id, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(r.Headline, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(r.Dek, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(r.BodyMarkdown, NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.SavedByName, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Utc(r.SavedAt), NpgsqlDbType.TimestampTz, ct);
    }

    private static async Task WriteTagsAsync(NpgsqlBinaryImporter w, PlannedArticle planned, CancellationToken ct)
    {
        foreach (var tagId in planned.TagIds)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(planned.Article.Id, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(tagId, NpgsqlDbType.Integer, ct);
        }
    }

    private static async Task WriteRelatedAsync(NpgsqlBinaryImporter w, PlannedArticle planned, CancellationToken ct)
    {
        for (var position = 0; position < planned.RelatedArticleIds.Count; position++)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(planned.Article.Id, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(planned.RelatedArticleIds[position], NpgsqlDbType.Integer, ct);
            await w.WriteAsync(position, NpgsqlDbType.Integer, ct);
        }
    }

    private static async Task WriteCommentsAsync(NpgsqlBinaryImporter w, PlannedArticle planned, CancellationToken ct)
    {
        foreach (var comment in planned.Comments)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(planned.Article.Id, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(comment.DisplayName, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(comment.Email, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(comment.Body, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(comment.Status.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(Utc(comment.CreatedAt), NpgsqlDbType.TimestampTz, ct);
        }
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : class
    {
        if (value is null)
        {
            await w.WriteNullAsync(ct);
        }
        else
        {
            await w.WriteAsync(value, type, ct);
        }
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } present)
        {
            await w.WriteAsync(present, type, ct);
        }
        else
        {
            await w.WriteNullAsync(ct);
        }
    }

    /// <summary>Npgsql writes only UTC times to <c>timestamp with time zone</c>; the generator's clock is UTC.</summary>
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
