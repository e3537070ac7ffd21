namespace NewsPortal.Web.Features.Related;

/// <summary>TF-IDF term vectors and their cosine similarity, for the text part of a related score.</summary>
public static class TermVectors
{
    /// <summary>Term counts, a headline's words weighing three times a body's and a dek's twice.</summary>
    public static Dictionary<string, double> Count(RelatedText? text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        if (text is not null)
        {
            TextTerms.Count(text.Headline, 3, counts);
            TextTerms.Count(text.Dek, 2, counts);
            TextTerms.Count(text.Body, 1, counts);
        }
        return counts;
    }

    /// <summary>Sublinear term frequency times smoothed inverse document frequency.</summary>
    public static Dictionary<string, double> Weigh(Dictionary<string, double> counts, Dictionary<string, int> documentFrequency, int documents)
    {
        var weighted = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        foreach (var (term, count) in counts)
        {
            var idf = Math.Log((1.0 + documents) / (1.0 + documentFrequency.GetValueOrDefault(term))) + 1;
            weighted[term] = (1 + Math.Log(count)) * idf;
        }
        return weighted;
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }
        if (dot == 0)
        {
            return 0;
        }
        var normA = Math.Sqrt(a.Values.Sum(v => v * v));
        var normB = Math.Sqrt(b.Values.Sum(v => v * v));
        return dot / (normA * normB);
    }
}
