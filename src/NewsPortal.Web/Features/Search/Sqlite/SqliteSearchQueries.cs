using System.Text;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared.Sqlite;

namespace NewsPortal.Web.Features.Search.Sqlite;

/// <summary>
/// Queries over the FTS5 trigram table <c>ArticleSearch</c>: long words through MATCH ranked by
/// BM25, short words with LIKE (Korean, matched anywhere) or GLOB (Latin, whole words) over the
/// stored text. Nothing the reader types reaches the SQL text: every term is a bound parameter.
/// </summary>
public sealed class SqliteSearchQueries(NewsPortalDbContext db) : ISearchQueries
{
    private const string Columns = "\"headline\", \"dek\", \"body\", \"tags\", \"author\"";

    /// <summary>Column weights for bm25(), in the table's column order: headline, dek, body, tags, author.</summary>
    private const string Weights = "bm25(10.0, 5.0, 1.0, 4.0, 3.0)";

    public Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, int window, int limit, CancellationToken cancellationToken)
    {
        // The newest window matches (rowid order, which follows creation) are ranked by BM25:
        // a common word costs the same as a rare one, and news readers want recent stories anyway.
        var parameters = new List<(string, object)> { ("$match", ToFtsMatch(query.LongTerms)) };
        var sql = new StringBuilder(
            "SELECT \"Id\" FROM (SELECT rowid AS \"Id\", rank AS \"Rank\" FROM \"ArticleSearch\" " +
            "WHERE \"ArticleSearch\" MATCH $match AND rank MATCH '" + Weights + "'");
        AppendShortTermFilters(sql, parameters, query.ShortTerms);
        sql.Append(" ORDER BY rowid DESC LIMIT ").Append(window)
            .Append(") ORDER BY \"Rank\", \"Id\" DESC LIMIT ").Append(limit);
        return IdsAsync(sql.ToString(), parameters, cancellationToken);
    }

    public Task<IReadOnlyList<int>> RecentIdsAsync(SearchQuery query, DateTime publishedBy, int window, int limit, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object)> { ("$now", publishedBy) };
        var sql = new StringBuilder(
            "SELECT recent.\"Id\" FROM (SELECT \"Id\", \"PublishedAt\" FROM \"Articles\" WHERE " + PublishedRule.Sql("$now") + " " +
            "ORDER BY \"PublishedAt\" DESC LIMIT " + window + ") AS recent " +
            "JOIN \"ArticleSearch\" ON \"ArticleSearch\".rowid = recent.\"Id\" WHERE 1 = 1");
        AppendShortTermFilters(sql, parameters, query.ShortTerms);
        sql.Append(" ORDER BY recent.\"PublishedAt\" DESC, recent.\"Id\" DESC LIMIT ").Append(limit);
        return IdsAsync(sql.ToString(), parameters, cancellationToken);
    }

    public async Task<Dictionary<int, StoredSearchText>> StoredTextAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<int, StoredSearchText>(ids.Count);
        if (ids.Count == 0)
        {
            return texts;
        }
        await db.WithConnectionAsync(async connection =>
        {
            // One prepared statement, one rowid look-up per article on the page.
            await using var command = connection.Command("SELECT \"headline\", \"dek\", \"body\", \"tags\" FROM \"ArticleSearch\" WHERE rowid = $id");
            var id = command.AddParameter("$id", 0);
            foreach (var articleId in ids)
            {
                id.Value = articleId;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    texts[articleId] = new StoredSearchText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                }
            }
        }, cancellationToken);
        return texts;
    }

    /// <summary>All long terms as quoted FTS5 phrases, implicitly ANDed: <c>"north" "korea"</c>.</summary>
    internal static string ToFtsMatch(IEnumerable<string> terms) =>
        string.Join(" ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>
    /// A GLOB pattern for <paramref name="term"/> as a whole word in text padded with spaces. Terms
    /// are letters and digits only (see <see cref="SearchQuery.Parse"/>), so no GLOB wildcard can come from the reader.
    /// </summary>
    internal static string ToWordGlobPattern(string term) =>
        "*[^a-z0-9]" + new string(term.Where(char.IsLetterOrDigit).ToArray()) + "[^a-z0-9]*";

    private Task<IReadOnlyList<int>> IdsAsync(string sql, List<(string, object)> parameters, CancellationToken cancellationToken) =>
        db.WithConnectionAsync<IReadOnlyList<int>>(async connection =>
        {
            var ids = new List<int>();
            await using var command = connection.Command(sql, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
            return ids;
        }, cancellationToken);

    /// <summary>
    /// Korean short words match anywhere (particles attach to them: 대북 in 대북정책); Latin ones
    /// only as whole words, so "AI" does not find "said".
    /// </summary>
    private static void AppendShortTermFilters(StringBuilder sql, List<(string, object)> parameters, IReadOnlyList<string> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            var name = "$short" + i;
            string condition;
            if (SearchQuery.IsWholeWordTerm(terms[i]))
            {
                parameters.Add((name, ToWordGlobPattern(terms[i])));
                condition = string.Join(" OR ", Columns.Split(", ").Select(column => $"(' ' || lower({column}) || ' ') GLOB {name}"));
            }
            else
            {
                parameters.Add((name, SearchQuery.ToLikePattern(terms[i])));
                condition = string.Join(" OR ", Columns.Split(", ").Select(column => $"{column} LIKE {name} ESCAPE '\\'"));
            }
            sql.Append(" AND (").Append(condition).Append(')');
        }
    }
}
