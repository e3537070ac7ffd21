using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace NewsPortal.Web.Features.Sources;

/// <summary>One entry of a partner's feed, as read: nothing here is trusted or cleaned yet but the addresses' schemes.</summary>
public sealed record FeedItem(
    string? Id,
    Uri? Link,
    string Title,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Author,
    string? Html,
    Uri? Image,
    string? ImageAlt);

public sealed record FeedDocument(string? Language, IReadOnlyList<FeedItem> Items);

/// <summary>The feed is not one we can read; the message is for the editor.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 with one XML reader that refuses DTDs and resolves nothing
/// outside the document (no XXE, no entity expansion). Links are resolved against the feed's address (and
/// Atom's xml:base); images are taken from media:content, media:thumbnail, an image enclosure or the
/// first &lt;img&gt; of the content, http(s) only. Why this is not SyndicationFeed: docs/decisions/0006-own-feed-reader.md.
/// </summary>
public static partial class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly HtmlParser Html = new();

    public static FeedDocument Read(byte[] body, Uri feedAddress)
    {
        var document = Load(body);
        var root = document.Root ?? throw new FeedFormatException("The feed is empty.");
        if (root.Name.LocalName == "rss")
        {
            var channel = root.Element("channel") ?? throw new FeedFormatException("The RSS feed has no <channel>.");
            return new FeedDocument(Language(channel.Element("language")?.Value), [.. channel.Elements("item").Select(i => ReadRss2(i, feedAddress))]);
        }
        if (root.Name == Rdf + "RDF")
        {
            var language = Language(root.Element(Rss1 + "channel")?.Element(Dc + "language")?.Value);
            return new FeedDocument(language, [.. root.Elements(Rss1 + "item").Select(i => ReadRss1(i, feedAddress))]);
        }
        if (root.Name == Atom + "feed")
        {
            var feedBase = Base(root, feedAddress);
            var language = Language(root.Attribute(XNamespace.Xml + "lang")?.Value);
            return new FeedDocument(language, [.. root.Elements(Atom + "entry").Select(e => ReadAtom(e, feedBase))]);
        }
        throw new FeedFormatException($"This is XML but not RSS or Atom (its root is <{root.Name.LocalName}>).");
    }

    private static XDocument Load(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body, writable: false), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException exception)
        {
            throw new FeedFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The feed is not well-formed XML (line {exception.LineNumber}, position {exception.LinePosition}): {FirstSentence(exception.Message)}"), exception);
        }
    }

    private static FeedItem ReadRss2(XElement item, Uri feedAddress)
    {
        var link = Resolve(item.Element("link")?.Value, feedAddress);
        var guid = item.Element("guid");
        var guidIsLink = guid?.Attribute("isPermaLink")?.Value is not "false";
        // A permalink guid stands in for a missing link only when it is a whole address.
        link ??= guidIsLink && Uri.TryCreate(guid?.Value.Trim(), UriKind.Absolute, out var permalink) ? Web(permalink) : null;
        var html = Text(item.Element(Content + "encoded")) ?? Text(item.Element("description"));
        var (image, alt) = Image(item, html, link ?? feedAddress);
        return new FeedItem(
            Id: Text(guid),
            Link: link,
            Title: PlainTitle(item.Element("title")?.Value),
            Published: Date(item.Element("pubDate")?.Value) ?? Date(item.Element(Dc + "date")?.Value),
            Updated: Date(item.Element(Atom + "updated")?.Value),
            Author: Text(item.Element(Dc + "creator")) ?? Text(item.Element("author")),
            Html: html,
            Image: image,
            ImageAlt: alt);
    }

    private static FeedItem ReadRss1(XElement item, Uri feedAddress)
    {
        var link = Resolve(item.Element(Rss1 + "link")?.Value, feedAddress)
            ?? Resolve(item.Attribute(Rdf + "about")?.Value, feedAddress);
        var html = Text(item.Element(Content + "encoded")) ?? Text(item.Element(Rss1 + "description"));
        var (image, alt) = Image(item, html, link ?? feedAddress);
        return new FeedItem(
            Id: item.Attribute(Rdf + "about")?.Value.Trim() is { Length: > 0 } about ? about : null,
            Link: link,
            Title: PlainTitle(item.Element(Rss1 + "title")?.Value),
            Published: Date(item.Element(Dc + "date")?.Value),
            Updated: null,
            Author: Text(item.Element(Dc + "creator")),
            Html: html,
            Image: image,
            ImageAlt: alt);
    }

    private static FeedItem ReadAtom(XElement entry, Uri feedBase)
    {
        var entryBase = Base(entry, feedBase);
        var links = entry.Elements(Atom + "link").ToList();
        var alternate = links.FirstOrDefault(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate");
        var link = Resolve(alternate?.Attribute("href")?.Value, Base(alternate, entryBase));
        var content = entry.Element(Atom + "content");
        var html = AtomHtml(content) ?? AtomHtml(entry.Element(Atom + "summary"));
        var enclosure = links.FirstOrDefault(l => l.Attribute("rel")?.Value == "enclosure"
            && (l.Attribute("type")?.Value ?? "").StartsWith("image/", StringComparison.OrdinalIgnoreCase));
        var (image, alt) = enclosure is not null
            ? (Web(Resolve(enclosure.Attribute("href")?.Value, entryBase)), null)
            : Image(entry, html, link ?? entryBase);
        return new FeedItem(
            Id: Text(entry.Element(Atom + "id")),
            Link: link,
            Title: PlainTitle(AtomHtml(entry.Element(Atom + "title")) is { } title ? StripTags(title) : null),
            Published: Date(entry.Element(Atom + "published")?.Value) ?? Date(entry.Element(Atom + "updated")?.Value),
            Updated: Date(entry.Element(Atom + "updated")?.Value),
            Author: Text(entry.Element(Atom + "author")?.Element(Atom + "name")),
            Html: html,
            Image: image,
            ImageAlt: alt);
    }

    /// <summary>Atom text constructs as HTML: type="html" is escaped HTML, "xhtml" a div of markup, "text" (the default) plain.</summary>
    private static string? AtomHtml(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var type = element.Attribute("type")?.Value ?? "text";
        if (type == "xhtml")
        {
            var container = element.Elements().FirstOrDefault() ?? element;
            var markup = string.Concat(container.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
            // The XHTML namespace declarations are noise to an HTML parser.
            return XmlnsAttribute().Replace(markup, "");
        }
        var value = element.Value.Trim();
        if (value.Length == 0)
        {
            return null;
        }
        return type is "html" or "text/html" ? value : "<p>" + WebUtility.HtmlEncode(value) + "</p>";
    }

    /// <summary>media:content or media:thumbnail, an image enclosure, or the first image of the content; http(s) only.</summary>
    private static (Uri? Image, string? Alt) Image(XElement item, string? html, Uri baseAddress)
    {
        var media = item.Descendants(Media + "content")
            .FirstOrDefault(m => m.Attribute("medium")?.Value == "image" || (m.Attribute("type")?.Value ?? "").StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                || (m.Attribute("medium") is null && m.Attribute("type") is null));
        var alt = Text(media?.Element(Media + "description")) ?? Text(media?.Element(Media + "title"))
            ?? Text(item.Element(Media + "description"));
        var candidates = new[]
        {
            media?.Attribute("url")?.Value,
            item.Descendants(Media + "thumbnail").FirstOrDefault()?.Attribute("url")?.Value,
            item.Elements("enclosure").FirstOrDefault(e => (e.Attribute("type")?.Value ?? "").StartsWith("image/", StringComparison.OrdinalIgnoreCase))?.Attribute("url")?.Value,
        };
        foreach (var candidate in candidates)
        {
            if (Web(Resolve(candidate, baseAddress)) is { } found)
            {
                return (found, alt is null ? null : StripTags(alt));
            }
        }
        if (html is not null && html.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            var img = Html.ParseDocument("<body>" + html).QuerySelector("img");
            if (Web(Resolve(img?.GetAttribute("src"), baseAddress)) is { } first)
            {
                return (first, img?.GetAttribute("alt")?.Trim() is { Length: > 0 } imgAlt ? imgAlt : alt);
            }
        }
        return (null, null);
    }

    private static Uri Base(XElement? element, Uri parent) =>
        element?.Attribute(XNamespace.Xml + "base")?.Value is { Length: > 0 } value && Uri.TryCreate(parent, value.Trim(), out var resolved)
            ? resolved
            : parent;

    private static Uri? Resolve(string? value, Uri baseAddress) =>
        value?.Trim() is { Length: > 0 } trimmed && Uri.TryCreate(baseAddress, trimmed, out var resolved) ? Web(resolved) : null;

    private static Uri? Web(Uri? address) =>
        address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps) ? address : null;

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Titles are plain text, though some feeds send entities or tags in them.</summary>
    private static string PlainTitle(string? value) => WhiteSpace().Replace(StripTags(value ?? ""), " ").Trim();

    private static string StripTags(string value) =>
        value.Contains('<', StringComparison.Ordinal) || value.Contains('&', StringComparison.Ordinal)
            ? Html.ParseDocument("<body>" + value).Body?.TextContent ?? value
            : value;

    private static string? Language(string? value) => value?.Trim().Split('-', '_')[0].ToLowerInvariant() is { Length: > 0 } code ? code : null;

    private static readonly string[] RfcFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm zzz",
        "ddd, d MMM yy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz",
    ];

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00", ["KST"] = "+09:00", ["JST"] = "+09:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00", ["MST"] = "-07:00", ["MDT"] = "-06:00",
        ["PST"] = "-08:00", ["PDT"] = "-07:00",
    };

    /// <summary>RFC 822 (RSS) and ISO 8601 (Atom, Dublin Core) dates; an unreadable date is simply no date.</summary>
    public static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (IsoDate().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            return iso.ToUniversalTime();
        }
        var zone = ZoneSuffix().Match(value);
        if (zone.Success)
        {
            var offset = zone.Groups["numeric"].Success
                ? zone.Groups["numeric"].Value.Insert(3, ":")
                : Zones.GetValueOrDefault(zone.Groups["name"].Value);
            if (offset is not null)
            {
                var normalized = value[..zone.Index].TrimEnd() + " " + offset;
                if (DateTimeOffset.TryParseExact(normalized, RfcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc))
                {
                    return rfc.ToUniversalTime();
                }
            }
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose) ? loose.ToUniversalTime() : null;
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.') + ".";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex XmlnsAttribute();

    [GeneratedRegex(@"\s(?:(?<numeric>[+-]\d{4})|(?<name>[A-Za-z]{1,4}))$")]
    private static partial Regex ZoneSuffix();
}
