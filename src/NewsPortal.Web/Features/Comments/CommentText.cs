using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// A comment body as HTML: every character the reader typed is encoded, blank lines make paragraphs,
/// single line breaks become <c>&lt;br&gt;</c>, and absolute http(s) addresses become links with
/// <c>rel="nofollow ugc noopener"</c>. Nothing typed ever becomes markup.
/// </summary>
public static partial class CommentText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    [GeneratedRegex(@"https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Address();

    [GeneratedRegex(@"\n[ \t]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();

    public static string ToHtml(string body)
    {
        var text = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        var html = new StringBuilder(text.Length + 32);
        foreach (var paragraph in BlankLines().Split(text))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }
                AppendLine(html, lines[i]);
            }
            html.Append("</p>");
        }
        return html.ToString();
    }

    private static void AppendLine(StringBuilder html, string line)
    {
        var at = 0;
        foreach (Match match in Address().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}');
            html.Append(Encoder.Encode(line[at..match.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
            {
                var encoded = Encoder.Encode(url);
                html.Append("<a href=\"").Append(encoded).Append("\" rel=\"nofollow ugc noopener\">").Append(encoded).Append("</a>");
            }
            else
            {
                html.Append(Encoder.Encode(url));
            }
            at = match.Index + url.Length;
        }
        html.Append(Encoder.Encode(line[at..]));
    }
}
