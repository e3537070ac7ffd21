using System.Globalization;
using System.Net;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Markdown;

public interface IMarkdownRenderer
{
    /// <summary>Renders Markdown to HTML that is safe to put on a page as it is.</summary>
    /// <param name="libraryImages">
    /// The library images the text shows, by id (see <see cref="LibraryImages"/>): their sizes give body images
    /// width and height, their alt text fills an image written without one. Without them, library images still get
    /// a srcset but no size.
    /// </param>
    string ToSafeHtml(string markdown, IReadOnlyDictionary<int, LibraryImage>? libraryImages = null);

    /// <summary>Every image of the text, with the address and alt text Markdown gives it.</summary>
    IReadOnlyList<MarkdownImage> Images(string markdown);

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

    /// <summary>Body images fill the article column (42rem) on wide screens, the screen on phones.</summary>
    public const string BodyImageSizes = "(min-width: 44rem) 42rem, 100vw";

    /// <summary>The rendition a body image asks for when its address names no width.</summary>
    private const int DefaultBodyWidth = 960;

    /// <summary>Attributes only this renderer writes, and only on images; anything else carrying them loses them.</summary>
    private static readonly string[] ImageOnlyAttributes = ["srcset", "sizes", "width", "height", "loading", "decoding"];

    public string ToSafeHtml(string markdown, IReadOnlyDictionary<int, LibraryImage>? libraryImages = null)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            DescribeLibraryImage(image, libraryImages);
        }

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

    public IReadOnlyList<MarkdownImage> Images(string markdown) =>
        Markdig.Markdown.Parse(markdown ?? "", Pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage && l.Url is not null)
            .Select(l => new MarkdownImage(l.Url!, AltOf(l)))
            .ToList();

    private static string AltOf(LinkInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();

    /// <summary>
    /// A library image gets the srcset of its renditions, sizes, lazy loading and async decoding, and, when its record
    /// is known, width and height in its own proportions (no layout shift) and its alt text if the Markdown gave none.
    /// </summary>
    private static void DescribeLibraryImage(LinkInline image, IReadOnlyDictionary<int, LibraryImage>? libraryImages)
    {
        if (MediaUrls.TryParseId(image.Url) is not { } id)
        {
            return;
        }
        var attributes = image.GetAttributes();
        attributes.AddPropertyIfNotExist("srcset", MediaUrls.Srcset(image.Url!, null));
        attributes.AddPropertyIfNotExist("sizes", BodyImageSizes);
        if (libraryImages is not null && libraryImages.TryGetValue(id, out var known))
        {
            if (known.Width > 0 && known.Height > 0)
            {
                var width = Math.Min(MediaUrls.RequestedWidth(image.Url!) ?? DefaultBodyWidth, known.Width);
                var height = Math.Max(1, (int)Math.Round((double)width * known.Height / known.Width));
                attributes.AddPropertyIfNotExist("width", width.ToString(CultureInfo.InvariantCulture));
                attributes.AddPropertyIfNotExist("height", height.ToString(CultureInfo.InvariantCulture));
            }
            if (AltOf(image).Length == 0 && known.AltText.Length > 0)
            {
                image.AppendChild(new LiteralInline(known.AltText));
            }
        }
        attributes.AddPropertyIfNotExist("decoding", "async");
    }

    // The plain-text renderer still writes HTML entities (&amp;, &lsquo; from SmartyPants): decode them.
    public string ToPlainText(string markdown) =>
        WebUtility.HtmlDecode(Markdig.Markdown.ToPlainText(markdown ?? "", Pipeline)).Trim();

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
                // Images only, and checked below: this renderer writes them, Markdown input cannot (raw HTML is off).
                "srcset", "sizes", "width", "height", "loading", "decoding",
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
                    KeepOnlyOurImageAttributes(element);
                }
                else
                {
                    foreach (var name in ImageOnlyAttributes)
                    {
                        element.RemoveAttribute(name);
                    }
                }
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Every image loads lazily; srcset, sizes and decoding stay only on a library image whose srcset is exactly the one
    /// built from its own address, and width and height only as plain numbers.
    /// </summary>
    private static void KeepOnlyOurImageAttributes(AngleSharp.Dom.IElement image)
    {
        image.SetAttribute("loading", "lazy");
        var src = image.GetAttribute("src");
        var ours = MediaUrls.IsLibrary(src) && image.GetAttribute("srcset") == MediaUrls.Srcset(src!, null);
        if (!ours)
        {
            image.RemoveAttribute("srcset");
            image.RemoveAttribute("sizes");
            image.RemoveAttribute("decoding");
        }
        else
        {
            if (image.GetAttribute("sizes") != BodyImageSizes)
            {
                image.RemoveAttribute("sizes");
            }
            if (image.GetAttribute("decoding") != "async")
            {
                image.RemoveAttribute("decoding");
            }
        }
        foreach (var name in new[] { "width", "height" })
        {
            if (image.GetAttribute(name) is { } value && !(value.Length is > 0 and <= 5 && value.All(char.IsAsciiDigit)))
            {
                image.RemoveAttribute(name);
            }
        }
    }
}

/// <summary>An image of a Markdown text: its address and the alt text between its brackets (empty when none).</summary>
public sealed record MarkdownImage(string Url, string AltText);
