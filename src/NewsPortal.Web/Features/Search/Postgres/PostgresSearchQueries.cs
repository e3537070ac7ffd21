using System.Globalization;
using System.Text;
using NewsPortal.Web.Data;
using NewsPortal.Web.Data.Configurations;
using NewsPortal.Web.Features.Articles;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Web.Features.Search.Postgres;

/// <summary>
/// Queries over <c>ArticleSearch</c> (see <see cref="PostgresSearchSchema"/>), matching what SQLite's trigram
/// table finds. Words of spaced scripts go through the weighted <c>tsvector</c>: a long word as a prefix
/// (<c>korea</c> finds Korean and Koreas, as a substring index would), a one- or two-letter one as a whole word
/// (<c>AI</c> does not find "said"). Hangul, Han and kana words go through the <c>pg_trgm</c> index with
/// <c>ILIKE</c>, found anywhere (대북 inside 대북정책은). Ranked with <c>ts_rank_cd</c>, headline first, then
/// dek and tags, author, body. Nothing the reader types reaches the SQL text or the tsquery syntax: every word
/// is a parameter, parsed by <c>plainto_tsquery</c> as plain text, so <c>&amp; | ! : * ( ) '</c> are never operators.
/// </summary>
public sealed class PostgresSearchQueries(NewsPortalDbContext db) : ISearchQueries
{
    /// <summary>
    /// ts_rank_cd's weights for the classes {D, C, B, A}: body, author, dek and tags, headline — the proportions
    /// of SQLite's bm25(10, 5, 1, 4, 3).
    /// </summary>
    private const string Weights = "'{0.1, 0.3, 0.5, 1.0}'";

    /// <summary>ts_rank_cd's normalization 1: divide by 1 + the logarithm of the document's length, so a long body full of a word does not outrank a headline.</summary>
    private const int LengthNormalization = 1;

    public Task<IReadOnlyList<int>> RankedIdsAsync(SearchQuery query, int window, int limit, CancellationToken cancellationToken)
    {
        var terms = Terms.Of(query);
        // The newest window matches (id order, which follows creation) are ranked, as on SQLite: a common word
        // costs no more than a window of rows, and news readers want recent stories anyway.
        var sql = new StringBuilder()
            .Append("SELECT c.\"ArticleId\" FROM (SELECT s.\"ArticleId\" FROM \"ArticleSearch\" s WHERE TRUE")
            .Append(terms.Filters("s"))
            .Append(" ORDER BY s.\"ArticleId\" DESC LIMIT ").Append(window.ToString(CultureInfo.InvariantCulture))
            .Append(") AS c JOIN \"ArticleSearch\" s ON s.\"ArticleId\" = c.\"ArticleId\" ORDER BY ")
            .Append(terms.Rank("s"))
            .Append(" DESC, c.\"ArticleId\" DESC LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        return IdsAsync(sql.ToString(), terms.Parameters(), cancellationToken);
    }

    public Task<IReadOnlyList<int>> RecentIdsAsync(SearchQuery query, DateTime publishedBy, int window, int limit, CancellationToken cancellationToken)
    {
        var terms = Terms.Of(query);
        var parameters = terms.Parameters();
        parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(publishedBy, DateTimeKind.Utc) });
        var sql = new StringBuilder()
            .Append("SELECT recent.\"Id\" FROM (SELECT \"Id\", \"PublishedAt\" FROM \"Articles\" WHERE ").Append(PublishedRule.Sql("@now"))
            .Append(" ORDER BY \"PublishedAt\" DESC LIMIT ").Append(window.ToString(CultureInfo.InvariantCulture))
            .Append(") AS recent JOIN \"ArticleSearch\" s ON s.\"ArticleId\" = recent.\"Id\" WHERE TRUE")
            .Append(terms.Filters("s"))
            .Append(" ORDER BY recent.\"PublishedAt\" DESC, recent.\"Id\" DESC LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        return IdsAsync(sql.ToString(), parameters, cancellationToken);
    }

    public async Task<Dictionary<int, StoredSearchText>> StoredTextAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<int, StoredSearchText>(ids.Count);
        if (ids.Count == 0)
        {
            return texts;
        }
        await PostgresSearchConnection.RunAsync(db, async connection =>
        {
            // The page's ids, integers from our own query, as one array parameter: one statement for the page.
            await using var command = new NpgsqlCommand(
                "SELECT \"ArticleId\", \"Headline\", \"Dek\", \"Body\", \"Tags\" FROM \"ArticleSearch\" WHERE \"ArticleId\" = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                texts[reader.GetInt32(0)] = new StoredSearchText(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            }
            return true;
        }, cancellationToken);
        return texts;
    }

    private Task<IReadOnlyList<int>> IdsAsync(string sql, List<NpgsqlParameter> parameters, CancellationToken cancellationToken) =>
        PostgresSearchConnection.RunAsync<IReadOnlyList<int>>(db, async connection =>
        {
            var ids = new List<int>();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
            return ids;
        }, cancellationToken);

    /// <summary>
    /// A query's words sorted by how they are matched: <see cref="Words"/> through the tsvector (long ones as
    /// prefixes), <see cref="Runs"/> (Hangul, Han, kana) through the trigram index. The SQL these build names
    /// parameters by position only (<c>@w0</c>, <c>@r0</c>); the words themselves are only ever their values.
    /// </summary>
    internal sealed record Terms(IReadOnlyList<(string Word, bool Prefix)> Words, IReadOnlyList<string> Runs)
    {
        public static Terms Of(SearchQuery query) => new(
            query.Terms.Where(SearchQuery.IsWholeWordTerm).Select(t => (t, t.Length >= SearchQuery.MinIndexedLength)).ToList(),
            query.Terms.Where(t => !SearchQuery.IsWholeWordTerm(t)).ToList());

        /// <summary>
        /// The words as one tsquery, ANDed. plainto_tsquery parses a word as document text, so "inter-korean" and
        /// "AT&amp;T" become the lexemes the document's parser made of them, ANDed (not a phrase: the parser puts a
        /// hyphenated compound between its parts, so "AT&amp;T-backed" has no 't' right after 'at'); a long word
        /// of one lexeme gets the prefix mark, added to the lexeme as PostgreSQL itself quoted it.
        /// </summary>
        public string? TsQuery => Words.Count == 0
            ? null
            : "(" + string.Join(" && ", Words.Select((w, i) => w.Prefix
                ? $"(SELECT CASE WHEN numnode(p) = 1 THEN (p::text || ':*')::tsquery ELSE p END FROM plainto_tsquery('simple', @w{i}) AS p)"
                : $"plainto_tsquery('simple', @w{i})")) + ")";

        /// <summary>
        /// " AND …" conditions every match meets. The runs' LIKE patterns use PostgreSQL's default escape, the
        /// backslash, as <see cref="SearchQuery.ToLikePattern"/> writes them.
        /// </summary>
        public string Filters(string table)
        {
            var sql = new StringBuilder();
            if (TsQuery is { } tsQuery)
            {
                sql.Append(" AND ").Append(table).Append(".\"Document\" @@ ").Append(tsQuery);
            }
            for (var i = 0; i < Runs.Count; i++)
            {
                sql.Append(" AND ").Append(PostgresSearchSchema.AllTextOf(table)).Append(" ILIKE @r").Append(i);
            }
            return sql.ToString();
        }

        /// <summary>
        /// Relevance: ts_rank_cd over the words, plus for each run the weights of the columns it is in, with
        /// the same length normalization, so a Korean query ranks headline hits first as well.
        /// </summary>
        public string Rank(string table)
        {
            var parts = new List<string>();
            if (TsQuery is { } tsQuery)
            {
                parts.Add($"ts_rank_cd({Weights}, {table}.\"Document\", {tsQuery}, {LengthNormalization})");
            }
            for (var i = 0; i < Runs.Count; i++)
            {
                var like = $" ILIKE @r{i} THEN ";
                parts.Add(
                    $"(CASE WHEN {table}.\"Headline\"{like}1.0 ELSE 0 END + CASE WHEN {table}.\"Dek\"{like}0.5 WHEN {table}.\"Tags\"{like}0.5 ELSE 0 END"
                    + $" + CASE WHEN {table}.\"Author\"{like}0.3 ELSE 0 END + CASE WHEN {table}.\"Body\"{like}0.1 ELSE 0 END)"
                    + $" / (1 + ln(1 + length({table}.\"Document\")))");
            }
            return parts.Count == 0 ? "0" : "(" + string.Join(" + ", parts) + ")";
        }

        public List<NpgsqlParameter> Parameters()
        {
            var parameters = new List<NpgsqlParameter>();
            for (var i = 0; i < Words.Count; i++)
            {
                parameters.Add(new NpgsqlParameter("w" + i, NpgsqlDbType.Text) { Value = Words[i].Word });
            }
            for (var i = 0; i < Runs.Count; i++)
            {
                parameters.Add(new NpgsqlParameter("r" + i, NpgsqlDbType.Text) { Value = SearchQuery.ToLikePattern(Runs[i]) });
            }
            return parameters;
        }
    }
}
