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
public sealed class SearchService(NewsPortalDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>A ranked query considers at most this many best matches.</summary>
    public const int MaxRankedResults = 1000;

    /// <summary>How many of the newest articles a short-word query scans.</summary>
    public const int ShortQueryWindow = 5000;

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
        var (sql, parameters) = ranked ? RankedSql(query) : ShortSql(query);
        var hits = db.Database.SqlQueryRaw<SearchHit>(sql, parameters);
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = hits.Join(
            db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now),
            h => h.Id, a => a.Id, (h, a) => new { Hit = h, Article = a });

        var total = await visible.CountAsync(cancellationToken);
        var totalPages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Min(page, totalPages);
        var ordered = ranked
            ? visible.OrderBy(x => x.Hit.Rank).ThenByDescending(x => x.Article.PublishedAt)
            : visible.OrderByDescending(x => x.Article.PublishedAt).ThenByDescending(x => x.Article.Id);
        var rows = await ordered
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(x => new
            {
                x.Hit.HeadlineMarked,
                x.Hit.DekMarked,
                x.Hit.Snippet,
                x.Hit.Tags,
                x.Article.Slug,
                x.Article.Kind,
                AuthorName = x.Article.Author!.Name,
                AuthorSlug = x.Article.Author.Slug,
                SectionName = x.Article.Section!.Name,
                SectionSlug = x.Article.Section.Slug,
                x.Article.PublishedAt,
                x.Article.Language,
            })
            .ToListAsync(cancellationToken);

        var terms = query.Terms;
        var results = rows.Select(r =>
        {
            string headline, snippet;
            if (ranked)
            {
                headline = r.HeadlineMarked;
                snippet = IsMarked(r.Snippet) ? r.Snippet
                    : IsMarked(r.DekMarked) ? r.DekMarked
                    : IsMarked(r.Tags) ? "Hashtags: " + r.Tags
                    : r.Snippet;
            }
            else
            {
                headline = MarkedText.Mark(r.HeadlineMarked, terms, 0);
                var body = MarkedText.Mark(r.Snippet, terms, SnippetCharacters);
                var dek = MarkedText.Mark(r.DekMarked, terms, 0);
                var tags = MarkedText.Mark(r.Tags, terms, 0);
                snippet = IsMarked(body) ? body
                    : IsMarked(dek) ? dek
                    : IsMarked(tags) ? "Hashtags: " + tags
                    : body;
            }
            var prefix = r.Kind == ArticleKind.Column ? $"[{r.AuthorName}] " : "";
            return new SearchResult(
                r.Slug,
                MarkedText.ToHtml(MarkedText.Clean(prefix) + (prefix.Length > 0 ? " " : "") + headline),
                MarkedText.ToHtml(snippet),
                r.AuthorName,
                r.AuthorSlug,
                r.SectionName,
                r.SectionSlug,
                r.PublishedAt ?? now,
                r.Language);
        }).ToList();

        return new SearchPage
        {
            Query = query.Text,
            Notice = notice,
            Results = results,
            Total = total,
            Page = page,
            TotalPages = totalPages,
            IsCapped = ranked && total >= MaxRankedResults,
            Searched = true,
        };
    }

    private static bool IsMarked(string text) => text.Contains(MarkedText.Open, StringComparison.Ordinal);

    /// <summary>FTS5 MATCH of every long word as a quoted phrase, short words as LIKE filters, best BM25 first.</summary>
    private static (string Sql, object[] Parameters) RankedSql(SearchQuery query)
    {
        var parameters = new List<object> { new SqliteParameter("$match", SearchQuery.ToFtsMatch(query.LongTerms)) };
        var sql = new StringBuilder(
            "SELECT rowid AS \"Id\", rank AS \"Rank\", " +
            "highlight(\"ArticleSearch\", 0, char(1), char(2)) AS \"HeadlineMarked\", " +
            "highlight(\"ArticleSearch\", 1, char(1), char(2)) AS \"DekMarked\", " +
            "snippet(\"ArticleSearch\", 2, char(1), char(2), '…', 40) AS \"Snippet\", " +
            "highlight(\"ArticleSearch\", 3, char(1), char(2)) AS \"Tags\" " +
            "FROM \"ArticleSearch\" WHERE \"ArticleSearch\" MATCH $match " +
            "AND rank MATCH 'bm25(10.0, 5.0, 1.0, 4.0, 3.0)'");
        AppendLikeFilters(sql, parameters, query.ShortTerms);
        sql.Append(" ORDER BY rank LIMIT ").Append(MaxRankedResults);
        return (sql.ToString(), parameters.ToArray());
    }

    /// <summary>Only short words: LIKE over the stored text of the newest published articles.</summary>
    private static (string Sql, object[] Parameters) ShortSql(SearchQuery query)
    {
        var parameters = new List<object> { new SqliteParameter("$published", nameof(ArticleStatus.Published)) };
        var sql = new StringBuilder(
            "SELECT rowid AS \"Id\", 0.0 AS \"Rank\", \"headline\" AS \"HeadlineMarked\", \"dek\" AS \"DekMarked\", \"body\" AS \"Snippet\", \"tags\" AS \"Tags\" " +
            "FROM \"ArticleSearch\" WHERE rowid IN (SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" = $published " +
            "ORDER BY \"PublishedAt\" DESC LIMIT " + ShortQueryWindow + ")");
        AppendLikeFilters(sql, parameters, query.ShortTerms);
        return (sql.ToString(), parameters.ToArray());
    }

    /// <summary>
    /// Korean short words match anywhere (particles attach to them: 대북 in 대북정책); Latin ones
    /// only as whole words, so "AI" does not find "said".
    /// </summary>
    private static void AppendLikeFilters(StringBuilder sql, List<object> parameters, IReadOnlyList<string> terms)
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
