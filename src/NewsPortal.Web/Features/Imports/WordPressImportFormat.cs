using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Features.Imports;

/// <summary>
/// A WordPress export (WXR: RSS 2.0 with the <c>wp:</c>, <c>content:</c>, <c>excerpt:</c> and <c>dc:</c>
/// namespaces). Posts become articles; pages, attachments, menu items and revisions are counted as skipped.
/// The file is streamed twice with an <see cref="XmlReader"/> that refuses DTDs (no entity expansion, no
/// external entities): first for the site, authors and attachments (featured images may come after the post
/// that uses them), then for the posts, one item in memory at a time.
/// </summary>
public sealed partial class WordPressImportFormat(ImportWriter writer, IOptions<ImportsOptions> options) : IImportFormat
{
    private const string WordPressNamespacePrefix = "http://wordpress.org/export/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public string Name => "wordpress";

    public string Description => "WordPress export (WXR .xml): posts with authors, categories → sections, tags, featured images; pages and attachments skipped.";

    public async Task<bool> RecognisesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        var head = await ImportFiles.ReadHeadAsync(path, 8192, cancellationToken);
        return head.Contains("<rss", StringComparison.Ordinal) && head.Contains(WordPressNamespacePrefix, StringComparison.Ordinal);
    }

    public async Task<ImportSummary> ImportAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ImportFileException("a WordPress export is one .xml file, not a folder.");
        }
        var site = await ReadSiteAsync(path, progress, cancellationToken);
        var run = writer.Begin(new ImportSummary(Name));
        var done = 0;
        await foreach (var item in ItemsAsync(path, cancellationToken))
        {
            await ImportItemAsync(item, site, run, cancellationToken);
            progress.Report(new TransferProgress("posts", ++done, site.ItemCount));
        }
        return run.Summary;
    }

    private static async Task ImportItemAsync(XElement item, WordPressSite site, ImportRun run, CancellationToken cancellationToken)
    {
        var wp = site.Wp;
        var type = Text(item, wp + "post_type") ?? "post";
        if (type != "post")
        {
            run.Summary.Skipped(SkippedKind(type));
            return;
        }
        var id = Text(item, wp + "post_id");
        if (id is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var postId))
        {
            run.Summary.Skipped("articles");
            run.Summary.Warn($"A post without a numeric wp:post_id ('{Text(item, "title")}') was skipped.");
            return;
        }
        var key = $"wordpress:{site.Host}:{postId.ToString(CultureInfo.InvariantCulture)}";
        var wpStatus = Text(item, wp + "status") ?? "draft";
        ArticleStatus status;
        switch (wpStatus)
        {
            case "publish":
                status = ArticleStatus.Published;
                break;
            case "future":
                status = ArticleStatus.Scheduled;
                break;
            case "draft" or "pending" or "private":
                status = ArticleStatus.Draft;
                if (wpStatus == "private")
                {
                    run.Summary.Warn($"{key}: private on WordPress; imported as a draft.");
                }
                break;
            default:
                // trash, auto-draft, inherit …: nothing a reader or an editor wants back.
                run.Summary.Skipped("articles");
                run.Summary.Warn($"{key}: status '{wpStatus}' skipped.");
                return;
        }
        if (Text(item, wp + "post_password") is not null && status != ArticleStatus.Draft)
        {
            status = ArticleStatus.Draft;
            run.Summary.Warn($"{key}: password-protected on WordPress; imported as a draft.");
        }

        var publishedAt = Date(Text(item, wp + "post_date_gmt")) ?? (status == ArticleStatus.Draft ? null : Date(Text(item, wp + "post_date")) ?? PubDate(Text(item, "pubDate")));
        if (status != ArticleStatus.Draft && publishedAt is null)
        {
            status = ArticleStatus.Draft;
            run.Summary.Warn($"{key}: no publish date; imported as a draft.");
        }

        var categories = item.Elements("category").Where(c => (string?)c.Attribute("domain") == "category")
            .Select(c => (Name: c.Value.Trim(), Slug: (string?)c.Attribute("nicename")))
            .Where(c => c.Name.Length > 0 && c.Slug != "uncategorized").ToList();
        var tags = item.Elements("category").Where(c => (string?)c.Attribute("domain") == "post_tag").Select(c => c.Value.Trim())
            // Further categories are kept as tags: the portal files an article in one section.
            .Concat(categories.Skip(1).Select(c => c.Name)).ToList();

        var login = Text(item, Dc + "creator");
        var author = login is null ? null
            : site.Authors.TryGetValue(login, out var known) ? known : new ImportedAuthor(login, login);

        var meta = PostMeta(item, wp);
        var hero = meta.TryGetValue("_thumbnail_id", out var thumbnailId) && site.Attachments.TryGetValue(thumbnailId, out var attachment) ? attachment : null;

        var slug = Text(item, wp + "post_name");
        var permalinks = new List<string> { LegacyPaths.WordPressPost(postId) };
        if (Text(item, "link") is { } link)
        {
            permalinks.Add(link);
        }
        if (slug is not null && status != ArticleStatus.Draft)
        {
            permalinks.Add("/" + slug + "/");
        }

        await run.SaveAsync(new ImportedPost
        {
            ImportKey = key,
            Headline = Text(item, "title") ?? $"Untitled post {postId.ToString(CultureInfo.InvariantCulture)}",
            Slug = slug,
            Dek = ImportFiles.PlainText(Text(item, site.Excerpt + "encoded")),
            BodyMarkdown = HtmlToMarkdown.Convert(WordPressHtml.Prepare(Text(item, Content + "encoded")), site.BaseAddress),
            Author = author,
            Section = categories.Count > 0 ? new ImportedSection(categories[0].Name, categories[0].Slug) : null,
            Tags = tags,
            Status = status,
            PublishedAt = publishedAt,
            HeroImageUrl = hero?.Url,
            HeroAlt = hero?.Alt,
            HeroCaption = hero?.Caption,
            OldPermalinks = status == ArticleStatus.Draft ? [] : permalinks,
        }, cancellationToken);
    }

    private static string SkippedKind(string postType) => postType switch
    {
        "page" => "pages",
        "attachment" => "attachments",
        "nav_menu_item" => "nav menu items",
        "revision" => "revisions",
        _ => "other items",
    };

    /// <summary>First pass: the channel's site address, authors, attachments (for featured images) and the number of items.</summary>
    private async Task<WordPressSite> ReadSiteAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        Uri? baseAddress = options.Value.OldSiteUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var fromSettings) ? fromSettings : null;
        XNamespace? wp = null;
        XNamespace excerpt = "http://wordpress.org/export/1.2/excerpt/";
        var authors = new Dictionary<string, ImportedAuthor>(StringComparer.OrdinalIgnoreCase);
        var attachments = new Dictionary<string, WordPressImage>(StringComparer.Ordinal);
        var items = 0;
        await using var stream = ImportFiles.OpenRead(path);
        using var reader = XmlReader.Create(stream, ImportFiles.SafeXmlSettings());
        await ReadAsync(path, async () =>
        {
            if (await reader.MoveToContentAsync() != XmlNodeType.Element || reader.LocalName != "rss")
            {
                throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                    $"not a WordPress export: the document starts with <{reader.Name}>, not <rss> (line {Line(reader)})."));
            }
            for (var i = 0; i < reader.AttributeCount; i++)
            {
                reader.MoveToAttribute(i);
                if (reader.Value.StartsWith(WordPressNamespacePrefix, StringComparison.Ordinal))
                {
                    if (reader.Value.EndsWith("/excerpt/", StringComparison.Ordinal))
                    {
                        excerpt = reader.Value;
                    }
                    else
                    {
                        wp = reader.Value;
                    }
                }
            }
            reader.MoveToElement();
            if (wp is null)
            {
                throw new ImportFileException("not a WordPress export: the <rss> element declares no http://wordpress.org/export/ namespace (is this a plain RSS feed?).");
            }
            // Reading an element's content leaves the reader on the node after it: that node is looked at before reading on.
            var onNextNode = false;
            while (!reader.EOF && (onNextNode || await reader.ReadAsync()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                onNextNode = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                onNextNode = true;
                if (reader.Depth == 2 && reader.LocalName == "link" && reader.NamespaceURI.Length == 0 && baseAddress is null)
                {
                    baseAddress = Uri.TryCreate((await reader.ReadElementContentAsStringAsync()).Trim(), UriKind.Absolute, out var link) ? link : null;
                }
                else if (reader.Depth == 2 && reader.LocalName == "author" && reader.NamespaceURI == wp.NamespaceName)
                {
                    var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                    if (Text(element, wp + "author_login") is { } login)
                    {
                        var display = Text(element, wp + "author_display_name")
                            ?? string.Join(' ', new[] { Text(element, wp + "author_first_name"), Text(element, wp + "author_last_name") }.OfType<string>());
                        authors[login] = new ImportedAuthor(display.Length > 0 ? display : login, login, Text(element, wp + "author_email"));
                    }
                }
                else if (reader.Depth == 2 && reader.LocalName == "item" && reader.NamespaceURI.Length == 0)
                {
                    items++;
                    var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                    if (Text(element, wp + "post_type") == "attachment" && Text(element, wp + "post_id") is { } id
                        && (Text(element, wp + "attachment_url") ?? Text(element, "guid")) is { } url)
                    {
                        PostMeta(element, wp).TryGetValue("_wp_attachment_image_alt", out var alt);
                        attachments[id] = new WordPressImage(url, alt, ImportFiles.PlainText(Text(element, excerpt + "encoded")) is { Length: > 0 } caption ? caption : null);
                    }
                    if (items % 200 == 0)
                    {
                        progress.Report(new TransferProgress("reading", items, null));
                    }
                }
                else
                {
                    onNextNode = false;
                }
            }
        });
        if (baseAddress is null || !(baseAddress.Scheme == Uri.UriSchemeHttp || baseAddress.Scheme == Uri.UriSchemeHttps))
        {
            throw new ImportFileException("the export's channel has no <link> with the site's http(s) address; set Imports:OldSiteUrl.");
        }
        return new WordPressSite(baseAddress, baseAddress.Host, wp!, excerpt, authors, attachments, items);
    }

    /// <summary>Second pass: each &lt;item&gt; of the channel, one in memory at a time.</summary>
    private static async IAsyncEnumerable<XElement> ItemsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = ImportFiles.OpenRead(path);
        using var reader = XmlReader.Create(stream, ImportFiles.SafeXmlSettings());
        while (true)
        {
            XElement? item = null;
            await ReadAsync(path, async () =>
            {
                // ReadFrom leaves the reader on the node after the item, which may be the next item: look before reading on.
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == "item" && reader.NamespaceURI.Length == 0)
                    {
                        item = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                        return;
                    }
                    if (!await reader.ReadAsync())
                    {
                        return;
                    }
                }
            });
            if (item is null)
            {
                yield break;
            }
            yield return item;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Turns the reader's exceptions into one line with the line and position where the file goes wrong.</summary>
    private static async Task ReadAsync(string path, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // The refusal carries no position of its own (nor does the reader, which has not started): find the declaration.
            var (line, position) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : await DoctypePositionAsync(path);
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"the file declares a DTD at line {line}, position {position}; WordPress exports have none, and DTDs (entity expansion, external files) are refused."), e);
        }
        catch (XmlException e)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"not well-formed XML at line {e.LineNumber}, position {e.LinePosition}: {FirstSentence(e.Message)}"), e);
        }
        catch (IOException e)
        {
            throw new ImportFileException($"cannot read {Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    private static async Task<(int Line, int Position)> DoctypePositionAsync(string path)
    {
        var head = await ImportFiles.ReadHeadAsync(path, 64 * 1024, CancellationToken.None);
        var at = head.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return (1, 1);
        }
        var lineStart = head.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return (head.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }

    private static string FirstSentence(string message) => message.Split(" Line ", 2)[0].TrimEnd('.', ' ') + ".";

    private static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    private static Dictionary<string, string> PostMeta(XElement item, XNamespace wp)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in item.Elements(wp + "postmeta"))
        {
            if (Text(entry, wp + "meta_key") is { } key && Text(entry, wp + "meta_value") is { } value)
            {
                meta.TryAdd(key, value);
            }
        }
        return meta;
    }

    private static string? Text(XElement parent, XName name) => parent.Element(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>"2024-05-14 08:30:00" in UTC (post_date_gmt); WordPress writes zeros for drafts that never had one.</summary>
    private static DateTime? Date(string? value) =>
        value is not null && !value.StartsWith("0000", StringComparison.Ordinal)
        && DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    private static DateTime? PubDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;

    private sealed record WordPressSite(Uri BaseAddress, string Host, XNamespace Wp, XNamespace Excerpt,
        Dictionary<string, ImportedAuthor> Authors, Dictionary<string, WordPressImage> Attachments, int ItemCount);

    private sealed record WordPressImage(string Url, string? Alt, string? Caption);
}

/// <summary>What WordPress stores is not quite HTML: paragraphs by blank lines, shortcodes, embeds as bare URLs.</summary>
public static partial class WordPressHtml
{
    /// <summary>The stored post content as the HTML WordPress would have shown, before it becomes Markdown.</summary>
    public static string Prepare(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return "";
        }
        var html = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        // The classic editor stores paragraphs as blank lines (wpautop adds the <p> when showing); blocks carry their own.
        var classic = !html.Contains("<p", StringComparison.OrdinalIgnoreCase) && !html.Contains("<!-- wp:", StringComparison.Ordinal);
        // [embed]url[/embed] and a URL alone on its line (oEmbed, also inside Gutenberg's embed block) become links.
        html = EmbedShortcode().Replace(html, m => "\n\n" + m.Groups["url"].Value + "\n\n");
        // [caption …]<img …> The caption[/caption]: keep the image and the text.
        html = CaptionShortcode().Replace(html, "");
        if (!classic)
        {
            return BareUrlLine().Replace(html, m => Link(m.Groups["url"].Value));
        }
        var builder = new StringBuilder();
        foreach (var paragraph in BlankLines().Split(html).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            builder.Append(BareUrlLine().Match(paragraph) is { Success: true, Length: var length } url && length == paragraph.Length
                ? Link(url.Groups["url"].Value)
                : "<p>" + paragraph.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>").Append('\n');
        }
        html = builder.ToString();
        return html;
    }

    private static string Link(string url)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(url);
        return $"<p><a href=\"{encoded}\">{encoded}</a></p>";
    }

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>https?://[^\[\s]+)\[/embed\]", RegexOptions.IgnoreCase)]
    private static partial Regex EmbedShortcode();

    [GeneratedRegex(@"^[ \t]*(?<url>https?://[^\s<>""]+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex BareUrlLine();

    [GeneratedRegex(@"\[/?caption[^\]]*\]", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionShortcode();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();
}
