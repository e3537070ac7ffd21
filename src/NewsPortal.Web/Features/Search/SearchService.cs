using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Full-text search over published articles. Words of three characters or more go through the FTS5
/// trigram index ranked by BM25 (headline weighs most, then dek, tags, author, body); a query made
/// only of one- and two-character words (한, 대북, AI) is matched with LIKE over the same stored text
/// of the newest <see cref="ShortQueryWindow"/> articles, newest first.
/// </summary>
public sealed class SearchService(NewsPortalDbContext db, TimeProvider clock, SearchGate gate)
{
    public const int PageSize = 20;

    /// <summary>A ranked query considers at most this many best matches.</summary>
    public const int MaxRankedResults = 1000;

    /// <summary>How many of the newest matches a ranked query scores.</summary>
    public const int RankWindow = 2000;

    /// <summary>How many of the newest articles a short-word query scans.</summary>
    public const int ShortQueryWindow = 2000;

    private const string Columns = "\"headline\", \"dek\", \"body\", \"tags\", \"author\"";
    private const int SnippetCharacters = 220;

    public async Task<SearchPage> SearchAsync(string? rawQuery, int page, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(rawQuery);
        var notice = query.Truncated
            ? $"Your search was long, so only its first {SearchQuery.MaxLength} characters and {SearchQuery.MaxTerms} words were used."
            : null;
        if (query.IsEmpty)
        {
            if (query.Text.Length > 0)
            {
                notice ??= "Type words or names to search for; punctuation on its own finds nothing.";
            }
            return SearchPage.Empty(query.Text, notice);
        }

        var ranked = query.LongTerms.Count > 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var (sql, parameters) = ranked ? RankedSql(query) : ShortSql(query);

        // 1. Candidate ids, best first, from one bounded query over the index.
        var candidates = await gate.RunAsync(() => QueryIdsAsync(sql, parameters, cancellationToken), cancellationToken);

        // 2. Only what readers may see now. The index holds published articles only, so what is
        //    left out is the few scheduled for later: one small range look-up on (Status, PublishedAt).
        var notYet = new HashSet<int>(await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken));
        var visible = candidates.Where(id => !notYet.Contains(id)).ToList();
        var total = visible.Count;
        var totalPages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Min(page, totalPages);
        var pageIds = visible.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        // 3. Highlights and card facts for this page only.
        var marked = await LoadTextAsync(pageIds, cancellationToken);
        var cards = await db.Articles.AsNoTracking()
            .Where(a => pageIds.Contains(a.Id) && a.Status == ArticleStatus.Published && a.PublishedAt <= now)
            .Select(a => new
            {
                a.Id,
                a.Slug,
                a.Kind,
                AuthorName = a.Author!.Name,
                AuthorSlug = a.Author.Slug,
                SectionName = a.Section!.Name,
                SectionSlug = a.Section.Slug,
                a.PublishedAt,
                a.Language,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var terms = query.Terms;
        var results = new List<SearchResult>(pageIds.Count);
        foreach (var id in pageIds)
        {
            if (!cards.TryGetValue(id, out var r) || !marked.TryGetValue(id, out var hit))
            {
                continue;
            }
            // The trigram index matches substrings, case-insensitively: marking the same substrings
            // here gives what FTS5 highlight() would, without a second full-text query per row.
            var headline = MarkedText.Mark(hit.HeadlineMarked, terms, 0);
            var body = MarkedText.Mark(hit.Snippet, terms, SnippetCharacters);
            var dek = MarkedText.Mark(hit.DekMarked, terms, 0);
            var tags = MarkedText.Mark(hit.Tags, terms, 0);
            var snippet = IsMarked(body) ? body
                : IsMarked(dek) ? dek
                : IsMarked(tags) ? "Hashtags: " + tags
                : body;
            var prefix = r.Kind == ArticleKind.Column ? $"[{MarkedText.Clean(r.AuthorName)}] " : "";
            results.Add(new SearchResult(
                r.Slug,
                MarkedText.ToHtml(prefix + headline),
                MarkedText.ToHtml(snippet),
                r.AuthorName,
                r.AuthorSlug,
                r.SectionName,
                r.SectionSlug,
                r.PublishedAt ?? now,
                r.Language));
        }

        return new SearchPage
        {
            Query = query.Text,
            Notice = notice,
            Results = results,
            Total = total,
            Page = page,
            TotalPages = totalPages,
            IsCapped = candidates.Count >= MaxRankedResults,
            Searched = true,
        };
    }

    private static bool IsMarked(string text) => text.Contains(MarkedText.Open, StringComparison.Ordinal);

    private async Task<List<int>> QueryIdsAsync(string sql, SqliteParameter[] parameters, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return ids;
    }

    /// <summary>The stored (plain) text of each article on the page, by rowid.</summary>
    private async Task<Dictionary<int, SearchHit>> LoadTextAsync(List<int> ids, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<int, SearchHit>(ids.Count);
        if (ids.Count == 0)
        {
            return hits;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"headline\", \"dek\", \"body\", \"tags\" FROM \"ArticleSearch\" WHERE rowid = $id";
            var id = new SqliteParameter("$id", 0);
            command.Parameters.Add(id);
            foreach (var articleId in ids)
            {
                id.Value = articleId;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    hits[articleId] = new SearchHit
                    {
                        Id = articleId,
                        HeadlineMarked = reader.GetString(0),
                        DekMarked = reader.GetString(1),
                        Snippet = reader.GetString(2),
                        Tags = reader.GetString(3),
                    };
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return hits;
    }

    /// <summary>FTS5 MATCH of every long word as a quoted phrase, short words as LIKE filters, best BM25 first.</summary>
    private static (string Sql, SqliteParameter[] Parameters) RankedSql(SearchQuery query)
    {
        // The newest RankWindow matches (rowid order, which follows creation) are ranked by BM25:
        // a common word costs the same as a rare one, and news readers want recent stories anyway.
        var parameters = new List<SqliteParameter> { new("$match", SearchQuery.ToFtsMatch(query.LongTerms)) };
        var sql = new StringBuilder(
            "SELECT \"Id\" FROM (SELECT rowid AS \"Id\", rank AS \"Rank\" FROM \"ArticleSearch\" " +
            "WHERE \"ArticleSearch\" MATCH $match AND rank MATCH 'bm25(10.0, 5.0, 1.0, 4.0, 3.0)'");
        AppendLikeFilters(sql, parameters, query.ShortTerms);
        sql.Append(" ORDER BY rowid DESC LIMIT ").Append(RankWindow)
            .Append(") ORDER BY \"Rank\", \"Id\" DESC LIMIT ").Append(MaxRankedResults);
        return (sql.ToString(), parameters.ToArray());
    }

    /// <summary>Only short words: LIKE/GLOB over the stored text of the newest published articles, newest first.</summary>
    private static (string Sql, SqliteParameter[] Parameters) ShortSql(SearchQuery query)
    {
        var parameters = new List<SqliteParameter> { new("$published", nameof(ArticleStatus.Published)) };
        var sql = new StringBuilder(
            "SELECT recent.\"Id\" FROM (SELECT \"Id\", \"PublishedAt\" FROM \"Articles\" WHERE \"Status\" = $published " +
            "ORDER BY \"PublishedAt\" DESC LIMIT " + ShortQueryWindow + ") AS recent " +
            "JOIN \"ArticleSearch\" ON \"ArticleSearch\".rowid = recent.\"Id\" WHERE 1 = 1");
        AppendLikeFilters(sql, parameters, query.ShortTerms);
        sql.Append(" ORDER BY recent.\"PublishedAt\" DESC, recent.\"Id\" DESC LIMIT ").Append(MaxRankedResults);
        return (sql.ToString(), parameters.ToArray());
    }

    /// <summary>
    /// Korean short words match anywhere (particles attach to them: 대북 in 대북정책); Latin ones
    /// only as whole words, so "AI" does not find "said".
    /// </summary>
    private static void AppendLikeFilters(StringBuilder sql, List<SqliteParameter> parameters, IReadOnlyList<string> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            var name = "$short" + i;
            string condition;
            if (SearchQuery.IsWholeWordTerm(terms[i]))
            {
                parameters.Add(new SqliteParameter(name, SearchQuery.ToWordGlobPattern(terms[i])));
                condition = string.Join(" OR ", Columns.Split(", ").Select(column => $"(' ' || lower({column}) || ' ') GLOB {name}"));
            }
            else
            {
                parameters.Add(new SqliteParameter(name, SearchQuery.ToLikePattern(terms[i])));
                condition = string.Join(" OR ", Columns.Split(", ").Select(column => $"{column} LIKE {name} ESCAPE '\\'"));
            }
            sql.Append(" AND (").Append(condition).Append(')');
        }
    }
}

/// <summary>One row of the raw FTS5 query; mapped by EF from the column aliases.</summary>
public sealed class SearchHit
{
    public int Id { get; set; }
    public double Rank { get; set; }
    public string HeadlineMarked { get; set; } = "";
    public string DekMarked { get; set; } = "";
    public string Snippet { get; set; } = "";
    public string Tags { get; set; } = "";
}

public sealed record SearchResult(
    string Slug,
    IHtmlContent HeadlineHtml,
    IHtmlContent SnippetHtml,
    string AuthorName,
    string AuthorSlug,
    string SectionName,
    string SectionSlug,
    DateTime PublishedAt,
    string Language);

public sealed class SearchPage
{
    public required string Query { get; init; }
    public string? Notice { get; init; }
    public required IReadOnlyList<SearchResult> Results { get; init; }
    public int Total { get; init; }
    public int Page { get; init; } = 1;
    public int TotalPages { get; init; } = 1;

    /// <summary>True when more matches exist than a ranked search considers.</summary>
    public bool IsCapped { get; init; }

    /// <summary>False for an empty query: the page shows only the form.</summary>
    public bool Searched { get; init; }

    public static SearchPage Empty(string query, string? notice) => new() { Query = query, Notice = notice, Results = [] };
}
