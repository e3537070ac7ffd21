using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Text with match markers (U+0001 … U+0002, as FTS5 highlight()/snippet() emit them) turned into
/// <c>&lt;mark&gt;</c> elements; everything else is HTML-encoded, so article text can never become markup.
/// </summary>
public static class MarkedText
{
    public const char Open = '\u0001';
    public const char Close = '\u0002';

    // Encodes markup characters but leaves Hangul and other letters readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent ToHtml(string? marked)
    {
        var builder = new StringBuilder();
        var inside = false;
        var segment = new StringBuilder();
        foreach (var c in marked ?? "")
        {
            if (c is Open or Close)
            {
                Flush();
                if (c == Open && !inside)
                {
                    builder.Append("<mark>");
                    inside = true;
                }
                else if (c == Close && inside)
                {
                    builder.Append("</mark>");
                    inside = false;
                }
                continue;
            }
            segment.Append(c);
        }
        Flush();
        if (inside)
        {
            builder.Append("</mark>");
        }
        return new HtmlString(builder.ToString());

        void Flush()
        {
            if (segment.Length > 0)
            {
                builder.Append(Encoder.Encode(segment.ToString()));
                segment.Clear();
            }
        }
    }

    /// <summary>Removes control characters (markers included) and folds whitespace, for indexing.</summary>
    public static string Clean(string? text)
    {
        var builder = new StringBuilder((text ?? "").Length);
        var space = false;
        foreach (var c in text ?? "")
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A window of <paramref name="text"/> around the first occurrence of any term, with every
    /// occurrence marked: the snippet for short (LIKE) queries, which FTS5 cannot highlight.
    /// </summary>
    public static string Mark(string text, IReadOnlyList<string> terms, int window)
    {
        var first = -1;
        foreach (var term in terms)
        {
            var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            while (at >= 0 && NeedsWholeWord(term) && !IsWordBoundary(text, at, term.Length))
            {
                at = text.IndexOf(term, at + 1, StringComparison.OrdinalIgnoreCase);
            }
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }
        if (window > 0)
        {
            var start = Math.Max(0, first - window / 3);
            var end = Math.Min(text.Length, start + window);
            var prefix = start > 0 ? "…" : "";
            var suffix = end < text.Length ? "…" : "";
            text = prefix + text[start..end] + suffix;
        }
        var builder = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var matched = terms.Where(t => t.Length > 0 && string.Compare(text, i, t, 0, t.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (!NeedsWholeWord(t) || IsWordBoundary(text, i, t.Length)))
                .OrderByDescending(t => t.Length).FirstOrDefault();
            if (matched is null)
            {
                builder.Append(text[i]);
                i++;
                continue;
            }
            builder.Append(Open).Append(text, i, matched.Length).Append(Close);
            i += matched.Length;
        }
        return builder.ToString();
    }

    // Mirrors the search: short Latin words match whole words, everything else as a substring.
    private static bool NeedsWholeWord(string term) => term.Length < SearchQuery.MinIndexedLength && SearchQuery.IsWholeWordTerm(term);

    private static bool IsWordBoundary(string text, int start, int length) =>
        (start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]))
        && (start + length >= text.Length || !char.IsAsciiLetterOrDigit(text[start + length]));
}
