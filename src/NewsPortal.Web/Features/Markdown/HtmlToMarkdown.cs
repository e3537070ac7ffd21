using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsPortal.Web.Features.Markdown;

/// <summary>
/// Turns HTML from partners' feeds and from WordPress or Ghost exports into the Markdown an editor would
/// have typed, so imported articles are stored, edited and rendered like every other one. It is an
/// allow-list: headings, paragraphs, emphasis, links, images, lists, quotes, code, rules and simple
/// tables survive; scripts, styles, forms and event handlers never do, an embed becomes a link to what
/// it embedded, and every other element keeps only its text. Only http(s) links and images (and mailto
/// links) survive, resolved against the page's address when they are relative. The result still goes
/// through <see cref="IMarkdownRenderer"/>'s sanitizer when it is shown.
/// </summary>
public static partial class HtmlToMarkdown
{
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "form", "input",
        "button", "select", "option", "textarea", "svg", "math", "canvas", "map", "area", "param", "source", "track",
    };

    private static readonly HashSet<string> Embeds = new(StringComparer.OrdinalIgnoreCase) { "iframe", "video", "audio", "embed", "object" };

    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "center", "details",
        "summary", "dialog", "fieldset", "hgroup", "dl", "dd", "dt", "figcaption", "body", "html", "picture",
    };

    /// <summary>Converts an HTML fragment or document; <paramref name="baseAddress"/> resolves relative links and images.</summary>
    public static string Convert(string? html, Uri? baseAddress = null)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }
        var document = Parser.ParseDocument(html);
        var blocks = new List<string>();
        WriteBlocks(document.Body ?? (INode)document, new Context(baseAddress), blocks);
        return string.Join("\n\n", blocks).Trim();
    }

    private sealed record Context(Uri? BaseAddress);

    private static bool IsBlock(IElement element) =>
        Containers.Contains(element.LocalName) || Embeds.Contains(element.LocalName) || element.LocalName is
            "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "ul" or "ol" or "li" or "pre"
            or "hr" or "figure" or "table";

    private static void WriteBlocks(INode parent, Context context, List<string> blocks)
    {
        var inline = new StringBuilder();
        void Flush()
        {
            var paragraph = TidyInline(inline.ToString());
            if (paragraph.Length > 0)
            {
                blocks.Add(EscapeLineStarts(paragraph));
            }
            inline.Clear();
        }

        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && (IsBlock(element) || Dropped.Contains(element.LocalName)))
            {
                Flush();
                WriteBlock(element, context, blocks);
            }
            else
            {
                inline.Append(Inline(node, context));
            }
        }
        Flush();
    }

    private static void WriteBlock(IElement element, Context context, List<string> blocks)
    {
        var name = element.LocalName;
        if (Dropped.Contains(name))
        {
            return;
        }
        if (Embeds.Contains(name))
        {
            var source = SafeAddress(element.GetAttribute("src") ?? element.GetAttribute("data")
                ?? element.QuerySelector("source[src]")?.GetAttribute("src"), context, allowMail: false);
            if (source is not null)
            {
                var label = name is "video" ? "Video" : name is "audio" ? "Audio" : "Embedded content";
                blocks.Add($"[{label}: {EscapeText(source.Host)}]({LinkTarget(source)})");
            }
            return;
        }
        switch (name)
        {
            case "p":
                WriteBlocks(element, context, blocks);
                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var heading = TidyInline(InlineChildren(element, context)).ReplaceLineEndings(" ").Replace("\\ ", " ", StringComparison.Ordinal);
                if (heading.Length > 0)
                {
                    blocks.Add(new string('#', name[1] - '0') + " " + heading);
                }
                return;
            case "hr":
                blocks.Add("---");
                return;
            case "pre":
                blocks.Add(CodeBlock(element));
                return;
            case "blockquote":
                var quoted = new List<string>();
                WriteBlocks(element, context, quoted);
                if (quoted.Count > 0)
                {
                    blocks.Add(string.Join("\n", string.Join("\n\n", quoted).Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line)));
                }
                return;
            case "ul" or "ol":
                var list = ListBlock(element, context);
                if (list.Length > 0)
                {
                    blocks.Add(list);
                }
                return;
            case "table":
                var table = TableBlock(element, context);
                if (table.Length > 0)
                {
                    blocks.Add(table);
                }
                return;
            case "figure":
                foreach (var child in element.ChildNodes)
                {
                    if (child is IElement { LocalName: "figcaption" } caption)
                    {
                        var text = TidyInline(InlineChildren(caption, context));
                        if (text.Length > 0)
                        {
                            blocks.Add("*" + text.ReplaceLineEndings(" ") + "*");
                        }
                    }
                    else
                    {
                        var single = new List<string>();
                        var holder = new List<INode> { child };
                        WriteNodes(holder, context, single);
                        blocks.AddRange(single);
                    }
                }
                return;
            default:
                // A container (div, section, li's content …) or an element out of place: keep its content.
                WriteBlocks(element, context, blocks);
                return;
        }
    }

    private static void WriteNodes(IEnumerable<INode> nodes, Context context, List<string> blocks)
    {
        var inline = new StringBuilder();
        foreach (var node in nodes)
        {
            if (node is IElement element && (IsBlock(element) || Dropped.Contains(element.LocalName)))
            {
                WriteBlock(element, context, blocks);
            }
            else
            {
                inline.Append(Inline(node, context));
            }
        }
        var paragraph = TidyInline(inline.ToString());
        if (paragraph.Length > 0)
        {
            blocks.Add(EscapeLineStarts(paragraph));
        }
    }

    private static string ListBlock(IElement list, Context context)
    {
        var ordered = list.LocalName == "ol";
        var number = int.TryParse(list.GetAttribute("start"), out var start) && start is >= 0 and < 1_000_000 ? start : 1;
        var items = new List<string>();
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var content = new List<string>();
            WriteBlocks(item, context, content);
            var marker = ordered ? $"{number++}. " : "- ";
            var lines = string.Join("\n\n", content).Split('\n');
            var indent = new string(' ', marker.Length);
            items.Add(marker + string.Join("\n", lines.Select((line, i) => i == 0 || line.Length == 0 ? line : indent + line)));
        }
        return string.Join("\n", items);
    }

    private static string TableBlock(IElement table, Context context)
    {
        var rows = table.QuerySelectorAll("tr")
            .Where(row => row.Closest("table") == table)
            .Select(row => row.Children.Where(c => c.LocalName is "td" or "th")
                .Select(cell => TidyInline(InlineChildren(cell, context)).ReplaceLineEndings(" "))
                .ToList())
            .Where(cells => cells.Count > 0)
            .ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var width = rows.Max(r => r.Count);
        static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        var lines = new List<string>
        {
            Row(rows[0].Concat(Enumerable.Repeat("", width - rows[0].Count))),
            Row(Enumerable.Repeat("---", width)),
        };
        lines.AddRange(rows.Skip(1).Select(r => Row(r.Concat(Enumerable.Repeat("", width - r.Count)))));
        return string.Join("\n", lines);
    }

    private static string CodeBlock(IElement pre)
    {
        var code = pre.TextContent.TrimEnd('\n', '\r');
        var language = (pre.QuerySelector("code")?.ClassList ?? pre.ClassList)
            .Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..] : null)
            .FirstOrDefault(c => c is not null && LanguageName().IsMatch(c)) ?? "";
        var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
        return $"{fence}{language}\n{code}\n{fence}";
    }

    private static string InlineChildren(INode parent, Context context)
    {
        var text = new StringBuilder();
        foreach (var child in parent.ChildNodes)
        {
            text.Append(Inline(child, context));
        }
        return text.ToString();
    }

    private static string Inline(INode node, Context context)
    {
        if (node is IText text)
        {
            return EscapeText(Whitespace().Replace(text.Data, " "));
        }
        if (node is not IElement element || Dropped.Contains(element.LocalName))
        {
            return "";
        }
        switch (element.LocalName)
        {
            case "br":
                return "\\\n";
            case "strong" or "b":
                return Wrap(InlineChildren(element, context), "**");
            case "em" or "i" or "cite":
                return Wrap(InlineChildren(element, context), "*");
            case "del" or "s" or "strike":
                return Wrap(InlineChildren(element, context), "~~");
            case "code" or "kbd" or "samp" or "tt":
                var code = Whitespace().Replace(element.TextContent, " ");
                if (code.Trim().Length == 0)
                {
                    return code;
                }
                var ticks = new string('`', LongestRun(code, '`') + 1);
                var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
                return ticks + pad + code + pad + ticks;
            case "a":
                var label = InlineChildren(element, context);
                var href = SafeAddress(element.GetAttribute("href"), context, allowMail: true);
                if (href is null || label.Trim().Length == 0)
                {
                    return label;
                }
                return "[" + label.Trim() + "](" + LinkTarget(href) + ")";
            case "img":
                var source = SafeAddress(element.GetAttribute("src") ?? element.GetAttribute("data-src"), context, allowMail: false);
                return source is null ? "" : "![" + EscapeText(Whitespace().Replace(element.GetAttribute("alt") ?? "", " ").Trim()) + "](" + LinkTarget(source) + ")";
            default:
                if (Embeds.Contains(element.LocalName) || IsBlock(element))
                {
                    // A block inside inline content (a div in a link, an iframe in a span): keep it on the line.
                    var blocks = new List<string>();
                    WriteBlocks(element, context, blocks);
                    return " " + string.Join(" ", blocks) + " ";
                }
                return InlineChildren(element, context);
        }
    }

    /// <summary>Puts a marker round text, with the text's own outer spaces outside it, so "<b> x </b>" is " **x** ".</summary>
    private static string Wrap(string content, string marker)
    {
        var trimmed = content.Trim();
        if (trimmed.Length == 0)
        {
            return content;
        }
        var leading = content.Length - content.TrimStart().Length;
        var trailing = content.Length - content.TrimEnd().Length;
        return content[..leading] + marker + trimmed + marker + content[(content.Length - trailing)..];
    }

    private static Uri? SafeAddress(string? raw, Context context, bool allowMail)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        raw = raw.Trim();
        Uri? address;
        if (context.BaseAddress is not null)
        {
            Uri.TryCreate(context.BaseAddress, raw, out address);
        }
        else
        {
            Uri.TryCreate(raw, UriKind.Absolute, out address);
        }
        if (address is null || !address.IsAbsoluteUri)
        {
            return null;
        }
        return address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps || (allowMail && address.Scheme == Uri.UriSchemeMailto)
            ? address
            : null;
    }

    // Spaces, angle brackets and parentheses would end or break a Markdown link target.
    private static string LinkTarget(Uri address) => address.AbsoluteUri
        .Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal)
        .Replace(")", "%29", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal)
        .Replace(">", "%3E", StringComparison.Ordinal);

    private static string EscapeText(string text) => MarkdownPunctuation().Replace(text, @"\$0");

    /// <summary>Text at the start of a line that Markdown would read as a heading, list, quote or rule.</summary>
    private static string EscapeLineStarts(string paragraph) => LineStartMarker().Replace(paragraph, m => m.Value.Length > 1 && char.IsDigit(m.Value[0]) ? m.Value[..^1] + "\\" + m.Value[^1] : "\\" + m.Value);

    // Whitespace runs collapse as a browser would show them; lines lose spaces at their ends.
    private static string TidyInline(string text) =>
        string.Join("\n", Spaces().Replace(text, " ").Replace(" \\\n", "\\\n", StringComparison.Ordinal).Split('\n').Select(line => line.Trim()))
            .Trim().TrimEnd('\\').Trim();

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\\`*_\[\]<>|~]")]
    private static partial Regex MarkdownPunctuation();

    [GeneratedRegex(@"(?m)^(?:[#+=-]|\d{1,9}[.)])")]
    private static partial Regex LineStartMarker();

    [GeneratedRegex(@"^[A-Za-z0-9_+#-]{1,20}$")]
    private static partial Regex LanguageName();
}
