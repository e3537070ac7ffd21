using System.Text.RegularExpressions;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.KeyPoints;

/// <summary>
/// Extractive summary by TextRank: sentences are nodes, edges weigh their shared words (cosine
/// over term counts), PageRank picks the central ones, which are then shown in reading order.
/// </summary>
public static partial class KeyPointExtractor
{
    private const double Damping = 0.85;
    private const int Iterations = 30;
    private const int MaxSentences = 400;

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "as", "is",
        "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those",
        "he", "she", "they", "we", "you", "his", "her", "their", "our", "from", "not", "no", "will", "would",
        "can", "could", "should", "may", "might", "which", "who", "whom", "what", "when", "where", "than", "then",
        "so", "also", "said", "more", "into", "about", "over", "after", "before", "up", "out", "there",
    };

    public static IReadOnlyList<string> Extract(string plainText, int count)
    {
        var sentences = SplitSentences(plainText).Take(MaxSentences).ToList();
        if (count <= 0 || sentences.Count == 0)
        {
            return [];
        }
        if (sentences.Count <= count)
        {
            return sentences;
        }

        var vectors = sentences.Select(TermCounts).ToList();
        var n = sentences.Count;
        var weights = new double[n, n];
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var w = Cosine(vectors[i], vectors[j]);
                weights[i, j] = weights[j, i] = w;
                outWeight[i] += w;
                outWeight[j] += w;
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                for (var j = 0; j < n; j++)
                {
                    if (outWeight[j] > 0 && weights[j, i] > 0)
                    {
                        sum += weights[j, i] / outWeight[j] * rank[j];
                    }
                }
                next[i] = (1 - Damping) / n + Damping * sum;
            }
            rank = next;
        }

        return Enumerable.Range(0, n)
            .OrderByDescending(i => rank[i])
            .ThenBy(i => i)
            .Take(count)
            .Order()
            .Select(i => sentences[i])
            .ToList();
    }

    /// <summary>Splits English and Korean prose into sentences (Korean ends in "다." and the like).</summary>
    public static IEnumerable<string> SplitSentences(string plainText)
    {
        foreach (var paragraph in (plainText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var sentence in SentenceEndRegex().Split(paragraph))
            {
                var trimmed = sentence.Trim();
                if (trimmed.Length >= 10 && !trimmed.StartsWith('#'))
                {
                    yield return trimmed;
                }
            }
        }
    }

    private static Dictionary<string, int> TermCounts(string sentence)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in TokenRegex().Matches(sentence.ToLowerInvariant()))
        {
            var token = match.Value;
            if (token.Length > 0 && ArticleText.IsHangul(token[0]))
            {
                // Korean attaches particles to words; the first two syllables approximate the stem.
                if (token.Length > 2)
                {
                    token = token[..2];
                }
            }
            else if (token.Length < 3 || EnglishStopWords.Contains(token))
            {
                continue;
            }
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }
        return counts;
    }

    private static double Cosine(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        double dot = 0;
        foreach (var (term, count) in a)
        {
            if (b.TryGetValue(term, out var other))
            {
                dot += count * other;
            }
        }
        if (dot == 0)
        {
            return 0;
        }
        var normA = Math.Sqrt(a.Values.Sum(v => (double)v * v));
        var normB = Math.Sqrt(b.Values.Sum(v => (double)v * v));
        return dot / (normA * normB);
    }

    // A sentence ends at . ! ? (or their full-width forms) followed by space, unless the period
    // closes a short abbreviation such as "U.S." or "Mr." — good enough for news prose.
    [GeneratedRegex(@"(?<=[.!?。！？][""'”’)]?)\s+(?=[""'“‘(]?[A-Z0-9가-힣])(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|U\.S|U\.N|No|Gen|Lt|Col|Sgt|Prof|Rep|Sen|Gov|vs)\.\s+)")]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenRegex();
}
