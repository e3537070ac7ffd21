using System.Text.RegularExpressions;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// A reader's query reduced to plain words. Nothing the reader types reaches SQL or full-text
/// syntax: the index's queries (<see cref="ISearchQueries"/>) turn words into quoted phrases or
/// LIKE patterns with wildcards escaped, always passed as parameters. Operators such as <c>NEAR</c>, <c>*</c>, <c>-</c> and parentheses
/// are just text here.
/// </summary>
public sealed partial class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;

    /// <summary>The trigram tokenizer matches words of three characters or more; shorter ones need LIKE.</summary>
    public const int MinIndexedLength = 3;

    private SearchQuery(string text, IReadOnlyList<string> terms, bool truncated)
    {
        Text = text;
        Terms = terms;
        Truncated = truncated;
    }

    /// <summary>The query as shown back to the reader (trimmed, maybe shortened).</summary>
    public string Text { get; }

    /// <summary>Distinct lower-case words, at most <see cref="MaxTerms"/>.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>True when the query was longer than <see cref="MaxLength"/> or had too many words.</summary>
    public bool Truncated { get; }

    public bool IsEmpty => Terms.Count == 0;

    public IReadOnlyList<string> LongTerms => Terms.Where(t => t.Length >= MinIndexedLength).ToList();

    public IReadOnlyList<string> ShortTerms => Terms.Where(t => t.Length < MinIndexedLength).ToList();

    public static SearchQuery Parse(string? raw)
    {
        var text = (raw ?? "").Trim();
        var truncated = false;
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
            truncated = true;
        }
        var terms = new List<string>();
        foreach (Match match in WordRegex().Matches(text))
        {
            var term = match.Value.ToLowerInvariant();
            if (!terms.Contains(term))
            {
                if (terms.Count == MaxTerms)
                {
                    truncated = true;
                    break;
                }
                terms.Add(term);
            }
        }
        return new SearchQuery(text, terms, truncated);
    }

    /// <summary>A LIKE pattern that finds <paramref name="term"/> anywhere, with its own wildcards escaped by <c>\</c>.</summary>
    public static string ToLikePattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>True for a short term matched as a whole word: anything but Hangul, Han and kana, which run words together.</summary>
    public static bool IsWholeWordTerm(string term) => !term.Any(IsRunTogetherScript);

    public static bool IsRunTogetherScript(char c) =>
        c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F')
            or (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF');

    // Letters and digits, keeping inner joiners so "inter-Korean", "U.S." and "Lee's" stay one word.
    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+(?:[-'’.&][\p{L}\p{N}\p{M}]+)*")]
    private static partial Regex WordRegex();
}
