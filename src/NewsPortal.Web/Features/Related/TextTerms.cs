using System.Text.RegularExpressions;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Related;

/// <summary>
/// Turns English and Korean text into index terms for similarity: English words (lower case, no
/// stop words, plural "s" folded), Korean runs as overlapping syllable bigrams, the usual unit for
/// Korean retrieval since particles attach to words (한반도의 → 한반, 반도, 도의).
/// </summary>
public static partial class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "but", "for", "with", "from", "that", "this", "these", "those", "are", "was", "were", "been",
        "has", "have", "had", "its", "his", "her", "their", "our", "they", "them", "she", "you", "not", "will",
        "would", "can", "could", "should", "may", "might", "which", "who", "whom", "what", "when", "where", "than",
        "then", "also", "said", "says", "more", "into", "about", "over", "after", "before", "out", "there", "new",
        "one", "two", "year", "years", "all", "any", "some", "such", "other", "most", "many", "much", "very", "just",
        "only", "now", "still", "while", "because", "since", "being", "does", "did", "how", "why", "own", "same",
        "each", "both", "between", "under", "against", "through", "during", "per", "cent", "percent", "last", "week",
        "month", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "according",
    };

    /// <summary>Term counts of <paramref name="text"/>, each occurrence weighing <paramref name="weight"/>.</summary>
    public static void Count(string? text, double weight, Dictionary<string, double> counts)
    {
        foreach (Match match in WordRegex().Matches((text ?? "").ToLowerInvariant()))
        {
            var word = match.Value;
            if (ArticleText.IsHangul(word[0]))
            {
                if (word.Length == 1)
                {
                    continue;
                }
                for (var i = 0; i + 1 < word.Length; i++)
                {
                    var bigram = word.Substring(i, 2);
                    counts[bigram] = counts.GetValueOrDefault(bigram) + weight;
                }
                continue;
            }
            if (word.Length < 3 || StopWords.Contains(word) || word.All(char.IsAsciiDigit))
            {
                continue;
            }
            if (word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                word = word[..^1];
            }
            counts[word] = counts.GetValueOrDefault(word) + weight;
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordRegex();
}
