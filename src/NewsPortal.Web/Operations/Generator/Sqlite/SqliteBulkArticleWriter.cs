using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Operations.Generator.Sqlite;

/// <summary>
/// Bulk inserts on SQLite: prepared commands re-bound for every row, one transaction per batch, on a
/// connection of its own with WAL and relaxed syncing (the batch is only durable at its commit).
/// </summary>
public sealed class SqliteBulkArticleWriter(NewsPortalDbContext db) : IBulkArticleWriter
{
    public async Task<IBulkArticleSession> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return new SqliteBulkArticleSession(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One open writing session: the prepared commands on the writer's own connection.</summary>
internal sealed class SqliteBulkArticleSession(SqliteConnection connection) : IBulkArticleSession
{
    private readonly SqliteCommand _article = Prepare(connection,
        "INSERT INTO Articles (Id, Slug, Kind, Headline, Dek, BodyMarkdown, BodyHtml, Excerpt, KeyPoints, ReadingMinutes, AuthorId, SectionId, SourceId, " +
        "WireCredit, OriginalUrl, HeroImageUrl, HeroMediaId, HeroCaption, HeroCredit, HeroAlt, Language, TranslationGroup, Status, PublishedAt, CreatedAt, UpdatedAt, RevisedAt, Version) " +
        "VALUES ($id, $slug, $kind, $headline, $dek, $md, $html, $excerpt, $keypoints, $minutes, $author, $section, $source, " +
        "$wire, NULL, $hero, NULL, $caption, $credit, $alt, $language, $group, $status, $published, $created, $updated, $revised, $version)");

    private readonly SqliteCommand _revision = Prepare(connection,
        "INSERT INTO Revisions (ArticleId, Headline, Dek, BodyMarkdown, SavedByUserId, SavedByName, SavedAt) VALUES ($article, $headline, $dek, $md, NULL, $savedBy, $savedAt)");

    private readonly SqliteCommand _tag = Prepare(connection, "INSERT INTO ArticleTags (ArticleId, TagId) VALUES ($article, $tag)");

    private readonly SqliteCommand _related = Prepare(connection,
        "INSERT INTO RelatedLinks (ArticleId, RelatedArticleId, Position) VALUES ($article, $related, $position)");

    private readonly SqliteCommand _comment = Prepare(connection,
        "INSERT INTO Comments (ArticleId, DisplayName, Email, Body, Status, CreatedAt) VALUES ($article, $name, $email, $body, $status, $created)");

    private SqliteCommand[] Commands => [_article, _revision, _tag, _related, _comment];

    public async Task WriteBatchAsync(IReadOnlyList<PlannedArticle> batch, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
        foreach (var planned in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = planned.Article.Id;
            Write(planned.Article);
            Write(id, planned.Revision);
            foreach (var tagId in planned.TagIds)
            {
                Bind(_tag, "$article", id, "$tag", tagId);
                _tag.ExecuteNonQuery();
            }
            for (var position = 0; position < planned.RelatedArticleIds.Count; position++)
            {
                Bind(_related, "$article", id, "$related", planned.RelatedArticleIds[position]);
                _related.Parameters["$position"].Value = position;
                _related.ExecuteNonQuery();
            }
            foreach (var comment in planned.Comments)
            {
                Write(id, comment);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private void Write(GeneratedArticle a)
    {
        var p = _article.Parameters;
        p["$id"].Value = a.Id;
        p["$slug"].Value = a.Slug;
        p["$kind"].Value = a.Kind.ToString();
        p["$headline"].Value = a.Headline;
        p["$dek"].Value = a.Dek;
        p["$md"].Value = a.Body.Markdown;
        p["$html"].Value = a.Body.Html;
        p["$excerpt"].Value = a.Body.Excerpt;
        p["$keypoints"].Value = a.Body.KeyPoints;
        p["$minutes"].Value = a.Body.ReadingMinutes;
        p["$author"].Value = a.AuthorId;
        p["$section"].Value = a.SectionId;
        p["$source"].Value = OrNull(a.SourceId);
        p["$wire"].Value = OrNull(a.WireCredit);
        p["$hero"].Value = OrNull(a.HeroImageUrl);
        p["$caption"].Value = OrNull(a.HeroCaption);
        p["$credit"].Value = OrNull(a.HeroCredit);
        p["$alt"].Value = OrNull(a.HeroAlt);
        p["$language"].Value = a.Language;
        p["$group"].Value = a.TranslationGroup is { } group ? GuidText(group) : DBNull.Value;
        // Enums are stored by name, as EF Core's configuration says.
        p["$status"].Value = a.Status.ToString();
        p["$published"].Value = a.PublishedAt is { } published ? Timestamp(published) : DBNull.Value;
        p["$created"].Value = Timestamp(a.CreatedAt);
        p["$updated"].Value = Timestamp(a.UpdatedAt);
        p["$revised"].Value = a.RevisedAt is { } revised ? Timestamp(revised) : DBNull.Value;
        p["$version"].Value = GuidText(a.Version);
        _article.ExecuteNonQuery();
    }

    private void Write(int articleId, GeneratedRevision revision)
    {
        var p = _revision.Parameters;
        p["$article"].Value = articleId;
        p["$headline"].Value = revision.Headline;
        p["$dek"].Value = revision.Dek;
        p["$md"].Value = revision.BodyMarkdown;
        p["$savedBy"].Value = revision.SavedByName;
        p["$savedAt"].Value = Timestamp(revision.SavedAt);
        _revision.ExecuteNonQuery();
    }

    private void Write(int articleId, GeneratedComment comment)
    {
        var p = _comment.Parameters;
        p["$article"].Value = articleId;
        p["$name"].Value = comment.DisplayName;
        p["$email"].Value = comment.Email;
        p["$body"].Value = comment.Body;
        p["$status"].Value = comment.Status.ToString();
        p["$created"].Value = Timestamp(comment.CreatedAt);
        _comment.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }
        await connection.DisposeAsync();
    }

    private static void Bind(SqliteCommand command, string first, object firstValue, string second, object secondValue)
    {
        command.Parameters[first].Value = firstValue;
        command.Parameters[second].Value = secondValue;
    }

    /// <summary>Prepares a command with one parameter per <c>$name</c> in its SQL, bound later row by row.</summary>
    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-zA-Z]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static object OrNull<T>(T? value) => (object?)value ?? DBNull.Value;

    // EF Core stores Guid as upper-case TEXT on SQLite; Microsoft.Data.Sqlite alone would bind a BLOB.
    private static string GuidText(Guid value) => value.ToString().ToUpperInvariant();

    /// <summary>The text form EF Core's SQLite provider writes for DateTime, so queries compare correctly.</summary>
    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
