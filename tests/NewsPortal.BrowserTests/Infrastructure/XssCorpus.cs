using System.Text;

namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>The payloads in xss-payloads.txt, and how they are packed into fields with a length limit.</summary>
public static class XssCorpus
{
    public static IReadOnlyList<string> Payloads { get; } = Load();

    private static List<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "xss-payloads.txt");
        return [.. File.ReadAllLines(path, Encoding.UTF8)
            .Where(line => line.Trim().Length > 0 && !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal))];
    }

    /// <summary>
    /// Every payload that fits the field, packed greedily into values of at most <paramref name="maxLength"/>
    /// characters joined by <paramref name="separator"/>; a payload longer than <paramref name="maxItemLength"/> is left
    /// out (the form refuses it before it is stored).
    /// </summary>
    public static List<string> Chunks(int maxLength, string separator, int maxItemLength = int.MaxValue, int maxItems = int.MaxValue)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        var items = 0;
        foreach (var payload in Payloads.Where(p => p.Length <= Math.Min(maxLength, maxItemLength)))
        {
            if (current.Length > 0 && (current.Length + separator.Length + payload.Length > maxLength || items == maxItems))
            {
                chunks.Add(current.ToString());
                current.Clear();
                items = 0;
            }
            if (current.Length > 0)
            {
                current.Append(separator);
            }
            current.Append(payload);
            items++;
        }
        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }
        return chunks;
    }
}
