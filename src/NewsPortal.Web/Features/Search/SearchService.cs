using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Full-text search over published articles. Words of three characters or more go through the
/// trigram index, ranked by relevance (headline weighs most, then dek, tags, author, body); a query
/// made only of one- and two-character words (한, 대북, AI) is matched over the same stored text of
/// the newest <see cref="ShortQueryWindow"/> articles, newest first.
/// </summary>
public sealed class SearchService(PublishedArticles published, SearchGate gate, ISearchQueries index)
{
    public const int PageSize = 20;

    /// <summary>A ranked query considers at most this many best matches.</summary>
    public const int MaxRankedResults = 1000;

    /// <summary>How many of the newest matches a ranked query scores.</summary>
    public const int RankWindow = 2000;

    /// <summary>How many of the newest articles a short-word query scans.</summary>
    public const int ShortQueryWindow = 2000;

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
        var now = published.Now;

        // 1. Candidate ids, best first, from one bounded query over the index.
        var candidates = await gate.RunAsync(
            () => ranked
                ? index.RankedIdsAsync(query, RankWindow, MaxRankedResults, cancellationToken)
                : index.RecentIdsAsync(query, now, ShortQueryWindow, MaxRankedResults, cancellationToken),
            cancellationToken);

        // 2. Only what readers may see now, by the one rule: a primary-key look-up per candidate,
        //    so an article unpublished or not yet due never counts, even if the index still holds it.
        var candidateIds = candidates.ToList();
        var seen = new HashSet<int>(await published.Query()
            .Where(a => candidateIds.Contains(a.Id))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken));
        var visible = candidates.Where(seen.Contains).ToList();
        var total = visible.Count;
        var totalPages = Paging.PageCount(total, PageSize);
        page = Math.Min(page, totalPages);
        var pageIds = visible.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        // 3. Highlights and card facts for this page only.
        var marked = await index.StoredTextAsync(pageIds, cancellationToken);
        var cards = await published.Query()
            .Where(a => pageIds.Contains(a.Id))
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
            var headline = MarkedText.Mark(hit.Headline, terms, 0);
            var body = MarkedText.Mark(hit.Body, terms, SnippetCharacters);
            var dek = MarkedText.Mark(hit.Dek, terms, 0);
            var tags = MarkedText.Mark(hit.Tags, terms, 0);
            var snippet = IsMarked(body) ? body
                : IsMarked(dek) ? dek
                : IsMarked(tags) ? "Hashtags: " + tags
                : body;
            // The columnist's name is cleaned like indexed text, so it cannot carry a mark of its own.
            results.Add(new SearchResult(
                r.Slug,
                MarkedText.ToHtml(ArticleHeadline.Display(r.Kind, MarkedText.Clean(r.AuthorName), headline)),
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
