using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;

namespace NewsPortal.Web.Features.Markdown;

public interface IMarkdownRenderer
{
    /// <summary>Renders Markdown to HTML that is safe to put on a page as it is.</summary>
    string ToSafeHtml(string markdown);

    /// <summary>The text a reader would see, without markup.</summary>
    string ToPlainText(string markdown);
}

/// <summary>
/// Markdig renders, HtmlSanitizer makes it safe: Markdig is not a sanitizer (its generic attributes
/// and link URLs pass script through), so its output always goes through an allow-list.
/// </summary>
public sealed class MarkdownRenderer : IMarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseAutoLinks()
        .UseFigures()
        .UseSmartyPants()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public string ToSafeHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);

        // The page's headline is its only h1, so body headings start at h2.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 1)
            {
                heading.Level = 2;
            }
        }
        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    // Markdig's plain-text output is still HTML-escaped (&amp;, &lt;, and SmartyPants' &lsquo;):
    // decode it so excerpts, key points and the search index hold the characters readers see.
    public string ToPlainText(string markdown) =>
        System.Net.WebUtility.HtmlDecode(Markdig.Markdown.ToPlainText(markdown ?? "", Pipeline)).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong",
                "del", "ins", "mark", "sub", "sup", "ul", "ol", "li", "a", "img", "figure", "figcaption",
                "table", "thead", "tbody", "tr", "th", "td", "section", "abbr", "cite", "q", "small",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "colspan", "rowspan", "start", "reversed", "align",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        })
        {
            KeepChildNodes = true,
        };

        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                if (element.LocalName == "a" && element.GetAttribute("href") is { } href
                    && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                {
                    element.SetAttribute("rel", "nofollow noopener");
                }
                if (element.LocalName == "img")
                {
                    element.SetAttribute("loading", "lazy");
                }
            }
        };
        return sanitizer;
    }
}
