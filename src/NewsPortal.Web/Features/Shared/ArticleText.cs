using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPortal.Web.Features.Shared;

/// <summary>Small text facts derived from an article: slugs, excerpts, reading time.</summary>
public static partial class ArticleText
{
    private const int EnglishWordsPerMinute = 230;
    private const int HangulCharactersPerMinute = 500;

    public static int ReadingMinutes(string plainText)
    {
        if (string.IsNullOrWhiteSpace(plainText))
        {
            return 1;
        }
        var hangul = plainText.Count(IsHangul);
        var words = WordRegex().Count(plainText);
        var minutes = (double)hangul / HangulCharactersPerMinute
            + (double)Math.Max(0, words - hangul / 2) / EnglishWordsPerMinute;
        return Math.Max(1, (int)Math.Round(minutes, MidpointRounding.AwayFromZero));
    }

    /// <summary>The first sentences of the text, cut at a word boundary near <paramref name="maxLength"/>.</summary>
    public static string Excerpt(string plainText, int maxLength = 300)
    {
        var text = WhitespaceRegex().Replace(plainText ?? "", " ").Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxLength);
        if (cut < maxLength / 2)
        {
            cut = maxLength;
        }
        return text[..cut].TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>A lowercase ASCII slug; text without Latin letters or digits yields "".</summary>
    public static string Slugify(string text)
    {
        var normalized = (text ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            builder.Append(lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? lower : '-');
        }
        var slug = HyphenRunRegex().Replace(builder.ToString(), "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    public static bool IsValidSlug(string? slug) => slug is { Length: > 0 and <= 200 } && SlugRegex().IsMatch(slug);

    public static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex("-{2,}")]
    private static partial Regex HyphenRunRegex();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();
}
