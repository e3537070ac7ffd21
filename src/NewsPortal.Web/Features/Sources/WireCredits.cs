using System.Text.RegularExpressions;

namespace NewsPortal.Web.Features.Sources;

/// <summary>
/// Agencies sign their copy at the end: "… said on Monday. (Yonhap)", "(AP)", "— Reuters". The credit belongs
/// in the article's wire-credit field, shown under the text the way every article shows it, not in the body.
/// </summary>
public static partial class WireCredits
{
    /// <summary>Names taken after a dash only: a dash before any capitalised word would also end ordinary sentences.</summary>
    private static readonly HashSet<string> DashAgencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Yonhap", "AP", "AFP", "Reuters", "Xinhua", "Kyodo", "Bloomberg", "UPI", "EFE", "dpa", "ANSA", "Bernama", "PTI",
        "Korea Herald", "Korea JoongAng Daily", "The Korea Herald", "Associated Press", "Agence France-Presse",
    };

    /// <returns>The body without its trailing credit, and the credit (null when there is none).</returns>
    public static (string Body, string? Credit) Extract(string markdown)
    {
        var text = markdown.TrimEnd();
        var parenthesised = Parenthesised().Match(text);
        if (parenthesised.Success)
        {
            return (Cut(text, parenthesised.Index), parenthesised.Groups["credit"].Value.Trim());
        }
        var dashed = Dashed().Match(text);
        if (dashed.Success && DashAgencies.Contains(dashed.Groups["credit"].Value.Trim()))
        {
            return (Cut(text, dashed.Index), dashed.Groups["credit"].Value.Trim());
        }
        return (markdown, null);
    }

    private static string Cut(string text, int index) => text[..index].TrimEnd();

    // "(Yonhap)", "(AP)", "*(Yonhap News Agency)*", "(Reuters-Yonhap)" as the text's last words: one to four capitalised words.
    [GeneratedRegex(@"\s*[*_]{0,2}\((?<credit>[A-Z][A-Za-z.&'-]*(?:[ /-][A-Za-z][A-Za-z.&'-]*){0,3})\)[*_]{0,2}\s*$")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s*[*_]{0,2}\\?(?:—|–|--|-)\s*(?<credit>[A-Za-z][A-Za-z.&' -]{1,40}?)[*_]{0,2}\s*$")]
    private static partial Regex Dashed();
}
