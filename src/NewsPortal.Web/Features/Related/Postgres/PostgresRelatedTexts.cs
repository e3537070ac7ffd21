using Microsoft.EntityFrameworkCore;
using Npgsql;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Related.Postgres;

/// <summary>
/// Reads related-article text from the search index's table <c>ArticleSearch</c> in one statement for any number of
/// ids: the ids bound as one <c>int[]</c> (<c>= ANY(@ids)</c>, SQLite's json_each), the body cut by <c>left()</c>
/// in the database, so only what the score reads crosses the wire.
/// </summary>
public sealed class PostgresRelatedTexts(NewsPortalDbContext db) : IRelatedTexts
{
    private const string Sql =
        "SELECT \"ArticleId\", \"Headline\", \"Dek\", left(\"Body\", @characters) FROM \"ArticleSearch\" WHERE \"ArticleId\" = ANY(@ids)";

    public async Task<Dictionary<int, RelatedText>> LoadAsync(IReadOnlyList<int> ids, int bodyCharacters, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<int, RelatedText>(ids.Count);
        if (ids.Count == 0)
        {
            return texts;
        }
        // EF counts opens: queries the context runs meanwhile share the connection and leave it open.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddWithValue("ids", ids.ToArray());
            command.Parameters.AddWithValue("characters", bodyCharacters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                texts[reader.GetInt32(0)] = new RelatedText(reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return texts;
    }
}
