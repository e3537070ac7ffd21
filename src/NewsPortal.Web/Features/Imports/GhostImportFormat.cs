using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Features.Imports;

/// <summary>
/// A Ghost JSON export (<c>{"db":[{"meta":…,"data":{…}}]}</c>, or the older <c>{"meta":…,"data":{…}}</c>):
/// posts with their authors, public tags and feature images; pages skipped. Ghost has no sections: the
/// primary (first public) tag files the article in the section of that slug when one exists, otherwise in the
/// default section (<c>Imports:DefaultSection</c>). The body is the export's <c>html</c> (Lexical and Mobiledoc
/// posts carry it too), or the plain text when there is no HTML.
/// </summary>
public sealed class GhostImportFormat(ImportWriter writer, IOptions<ImportsOptions> options) : IImportFormat
{
    private const string GhostUrlPlaceholder = "__GHOST_URL__";

    public string Name => "ghost";

    public string Description => "Ghost JSON export: posts with authors, tags, feature images; pages and internal #tags skipped.";

    public async Task<bool> RecognisesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        var head = (await ImportFiles.ReadHeadAsync(path, 16384, cancellationToken)).TrimStart();
        return head.StartsWith('{') && head.Contains("\"exported_on\"", StringComparison.Ordinal)
            && (head.Contains("\"db\"", StringComparison.Ordinal) || head.Contains("\"data\"", StringComparison.Ordinal));
    }

    public async Task<ImportSummary> ImportAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ImportFileException("a Ghost export is one .json file, not a folder.");
        }
        using var document = await ParseAsync(path, cancellationToken);
        var data = DataOf(document.RootElement);
        var siteUrl = options.Value.OldSiteUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var site) ? site : null;

        var users = Rows(data, "users").Where(u => Str(u, "id") is not null).ToDictionary(u => Str(u, "id")!, u => new ImportedAuthor(
            Str(u, "name") ?? Str(u, "slug") ?? "Ghost author", Str(u, "slug"), Str(u, "email"), Str(u, "bio")), StringComparer.Ordinal);
        var tags = Rows(data, "tags").Where(t => Str(t, "id") is not null && Str(t, "name") is not null)
            .ToDictionary(t => Str(t, "id")!, t => (Name: Str(t, "name")!, Slug: Str(t, "slug"),
                Public: Str(t, "visibility") is null or "public" && !Str(t, "name")!.StartsWith('#')), StringComparer.Ordinal);
        var postTags = Links(data, "posts_tags", "tag_id");
        var postAuthors = Links(data, "posts_authors", "author_id");
        var postsMeta = Rows(data, "posts_meta").Where(m => Str(m, "post_id") is not null)
            .GroupBy(m => Str(m, "post_id")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var posts = Rows(data, "posts").ToList();
        var run = writer.Begin(new ImportSummary(Name));
        var done = 0;
        foreach (var post in posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ImportPostAsync(post, run, users, tags, postTags, postAuthors, postsMeta, siteUrl, cancellationToken);
            progress.Report(new TransferProgress("posts", ++done, posts.Count));
        }
        return run.Summary;
    }

    private static async Task ImportPostAsync(JsonElement post, ImportRun run,
        Dictionary<string, ImportedAuthor> users, Dictionary<string, (string Name, string? Slug, bool Public)> tags,
        ILookup<string, string> postTags, ILookup<string, string> postAuthors, Dictionary<string, JsonElement> postsMeta,
        Uri? siteUrl, CancellationToken cancellationToken)
    {
        var id = Str(post, "id");
        var isPage = Str(post, "type") == "page" || (post.TryGetProperty("page", out var page) && page.ValueKind == JsonValueKind.True)
            || (post.TryGetProperty("page", out page) && page.ValueKind == JsonValueKind.Number && page.GetInt32() == 1);
        if (isPage)
        {
            run.Summary.Skipped("pages");
            return;
        }
        if (id is null)
        {
            run.Summary.Skipped("articles");
            run.Summary.Warn($"A Ghost post without an id ('{Str(post, "title")}') was skipped.");
            return;
        }
        var key = "ghost:" + id;
        var publishedAt = Date(Str(post, "published_at"));
        var status = Str(post, "status") switch
        {
            "published" => ArticleStatus.Published,
            "scheduled" => ArticleStatus.Scheduled,
            _ => ArticleStatus.Draft,
        };
        if (status != ArticleStatus.Draft && publishedAt is null)
        {
            status = ArticleStatus.Draft;
            run.Summary.Warn($"{key}: no published_at; imported as a draft.");
        }

        var authorIds = postAuthors[id].ToList();
        if (authorIds.Count == 0 && Str(post, "author_id") is { } single)
        {
            authorIds.Add(single);
        }
        var author = authorIds.Select(a => users.GetValueOrDefault(a)).FirstOrDefault(a => a is not null);
        var publicTags = postTags[id].Select(t => tags.TryGetValue(t, out var tag) ? tag : default).Where(t => t.Name is not null && t.Public).ToList();

        var html = Str(post, "html");
        string body;
        if (html is not null)
        {
            body = HtmlToMarkdown.Convert(ResolvePlaceholder(html, siteUrl), siteUrl);
        }
        else
        {
            // No HTML (an old Mobiledoc export without it): the plain text, each line a paragraph, Markdown escaped by the converter.
            body = HtmlToMarkdown.Convert(string.Concat((Str(post, "plaintext") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>")));
        }
        postsMeta.TryGetValue(id, out var meta);
        var heroUrl = Absolute(ResolvePlaceholder(Str(post, "feature_image"), siteUrl), siteUrl);
        var slug = Str(post, "slug");

        await run.SaveAsync(new ImportedPost
        {
            ImportKey = key,
            Headline = Str(post, "title") ?? "Untitled post",
            Slug = slug,
            Dek = ImportFiles.PlainText(Str(post, "custom_excerpt")),
            BodyMarkdown = body,
            Author = author,
            Section = publicTags.Count > 0 ? new ImportedSection(publicTags[0].Name, publicTags[0].Slug, CreateIfMissing: false) : null,
            Tags = publicTags.Select(t => t.Name).ToList(),
            Status = status,
            PublishedAt = status == ArticleStatus.Draft ? null : publishedAt,
            HeroImageUrl = heroUrl,
            HeroAlt = Str(post, "feature_image_alt") ?? (meta.ValueKind == JsonValueKind.Object ? Str(meta, "feature_image_alt") : null),
            HeroCaption = ImportFiles.PlainText(Str(post, "feature_image_caption") ?? (meta.ValueKind == JsonValueKind.Object ? Str(meta, "feature_image_caption") : null)) is { Length: > 0 } caption ? caption : null,
            OldPermalinks = status != ArticleStatus.Draft && slug is not null ? ["/" + slug + "/"] : [],
        }, cancellationToken);
    }

    private static async Task<JsonDocument> ParseAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = ImportFiles.OpenRead(path);
        try
        {
            return await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 128 }, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}."), e);
        }
    }

    /// <summary>The export's "data" object, in either shape; anything else is not a Ghost export.</summary>
    private static JsonElement DataOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("db", out var db) && db.ValueKind == JsonValueKind.Array
            && db.GetArrayLength() > 0 && db[0].ValueKind == JsonValueKind.Object && db[0].TryGetProperty("data", out var inDb) && inDb.ValueKind == JsonValueKind.Object)
        {
            return inDb;
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            return data;
        }
        throw new ImportFileException("not a Ghost export: no \"db\"[0].\"data\" or \"data\" object with posts.");
    }

    private static IEnumerable<JsonElement> Rows(JsonElement data, string table) =>
        data.TryGetProperty(table, out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object)
            : [];

    /// <summary>post id → linked ids, in the export's sort_order (the first is Ghost's primary author or tag).</summary>
    private static ILookup<string, string> Links(JsonElement data, string table, string column) =>
        Rows(data, table).Where(r => Str(r, "post_id") is not null && Str(r, column) is not null)
            .OrderBy(r => r.TryGetProperty("sort_order", out var order) && order.TryGetInt32(out var n) ? n : 0)
            .ToLookup(r => Str(r, "post_id")!, r => Str(r, column)!, StringComparer.Ordinal);

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { } text && text.Trim().Length > 0 ? text.Trim() : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static DateTime? Date(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;

    private static string? ResolvePlaceholder(string? value, Uri? siteUrl) =>
        value?.Replace(GhostUrlPlaceholder, siteUrl?.GetLeftPart(UriPartial.Authority) ?? "", StringComparison.Ordinal);

    private static string? Absolute(string? url, Uri? siteUrl) =>
        url is null ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps) ? absolute.AbsoluteUri
        : siteUrl is not null && url.StartsWith('/') && Uri.TryCreate(siteUrl, url, out var resolved) ? resolved.AbsoluteUri
        : null;
}
