using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared.Sqlite;

namespace NewsPortal.Web.Features.Related.Sqlite;

/// <summary>Reads related-article text from the FTS5 table <c>ArticleSearch</c> in one statement for any number of ids.</summary>
public sealed class SqliteRelatedTexts(NewsPortalDbContext db) : IRelatedTexts
{
    public async Task<Dictionary<int, RelatedText>> LoadAsync(IReadOnlyList<int> ids, int bodyCharacters, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<int, RelatedText>(ids.Count);
        if (ids.Count == 0)
        {
            return texts;
        }
        await db.WithConnectionAsync(async connection =>
        {
            // The ids are integers from our own queries, bound as one JSON array parameter.
            await using var command = connection.Command(
                "SELECT rowid, headline, dek, substr(body, 1, " + bodyCharacters + ") FROM \"ArticleSearch\" " +
                "WHERE rowid IN (SELECT value FROM json_each($ids))",
                ("$ids", "[" + string.Join(',', ids) + "]"));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                texts[reader.GetInt32(0)] = new RelatedText(reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }
        }, cancellationToken);
        return texts;
    }
}
