using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Transfer;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace NewsPortal.Web.Features.Imports;

/// <summary>
/// A folder of <c>.md</c> files (subfolders included), each with YAML front matter between <c>---</c> lines:
/// title, slug, date, author, section, tags, description (or dek), image (or hero), image_alt, status
/// (draft | published). The rest of the file is the body, kept as the Markdown it already is. A file whose
/// front matter cannot be read is skipped with a warning naming it; the others are imported.
/// </summary>
public sealed class MarkdownFolderImportFormat(ImportWriter writer, IOptions<ImportsOptions> options, TimeProvider clock) : IImportFormat
{
    private const long MaxFileBytes = 5 * 1024 * 1024;

    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public string Name => "markdown";

    public string Description => "A folder of .md files with YAML front matter (title, slug, date, author, section, tags, description, image, status).";

    public Task<bool> RecognisesAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(path));

    public async Task<ImportSummary> ImportAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            throw new ImportFileException("the Markdown import reads a folder of .md files; name the folder.");
        }
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(path, "*.md", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive })
                .Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"cannot list the folder: {e.Message}", e);
        }
        if (files.Count == 0)
        {
            throw new ImportFileException("the folder holds no .md files.");
        }
        var siteUrl = options.Value.OldSiteUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var site) ? site : null;
        var run = writer.Begin(new ImportSummary(Name));
        var done = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(path, file).Replace('\\', '/');
            var post = await ReadAsync(file, relative, siteUrl, run.Summary, cancellationToken);
            if (post is null)
            {
                run.Summary.Skipped("articles");
            }
            else
            {
                await run.SaveAsync(post, cancellationToken);
            }
            progress.Report(new TransferProgress("files", ++done, files.Count));
        }
        return run.Summary;
    }

    private async Task<ImportedPost?> ReadAsync(string file, string relative, Uri? siteUrl, ImportSummary summary, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                summary.Warn($"{relative}: larger than {MaxFileBytes / 1024 / 1024} MB; skipped.");
                return null;
            }
            text = (await File.ReadAllTextAsync(file, cancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            summary.Warn($"{relative}: cannot be read ({e.Message}); skipped.");
            return null;
        }

        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
            if (end < 0)
            {
                summary.Warn($"{relative}: the front matter has no closing '---' line; skipped.");
                return null;
            }
            var yaml = text[4..(end + 1)];
            var afterFence = text.IndexOf('\n', end + 4);
            body = afterFence < 0 ? "" : text[(afterFence + 1)..];
            try
            {
                if (Yaml.Deserialize<Dictionary<object, object?>?>(yaml) is { } parsed)
                {
                    foreach (var (key, value) in parsed)
                    {
                        fields[Convert.ToString(key, CultureInfo.InvariantCulture) ?? ""] = value;
                    }
                }
            }
            catch (YamlException e)
            {
                // Marks are counted inside the front matter, which starts on the file's second line.
                summary.Warn(string.Create(CultureInfo.InvariantCulture,
                    $"{relative}: the front matter is not valid YAML (line {e.Start.Line + 1}, column {e.Start.Column}); skipped."));
                return null;
            }
        }

        var title = Field(fields, "title") ?? FirstHeading(body);
        if (title is null)
        {
            title = Path.GetFileNameWithoutExtension(relative);
            summary.Warn($"{relative}: no title; the file name is the headline.");
        }
        var date = Field(fields, "date") is { } rawDate
            && DateTimeOffset.TryParse(rawDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedDate) ? parsedDate.UtcDateTime : (DateTime?)null;
        if (Field(fields, "date") is { } unreadable && date is null)
        {
            summary.Warn($"{relative}: the date '{unreadable}' is not a date; the import time is used.");
        }
        var draft = Field(fields, "status")?.Equals("draft", StringComparison.OrdinalIgnoreCase) == true
            || Field(fields, "draft")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true;
        var now = clock.GetUtcNow().UtcDateTime;
        // Without a date the file's own time: stable, so a second run finds nothing changed.
        var publishedAt = draft ? (DateTime?)null : date ?? File.GetLastWriteTimeUtc(file);
        var status = draft ? ArticleStatus.Draft : publishedAt > now ? ArticleStatus.Scheduled : ArticleStatus.Published;

        var hero = Field(fields, "image") ?? Field(fields, "hero");
        if (hero is not null && !(Uri.TryCreate(hero, UriKind.Absolute, out var heroUri) && heroUri.Scheme is "http" or "https"))
        {
            hero = siteUrl is not null && hero.StartsWith('/') && Uri.TryCreate(siteUrl, hero, out var resolved) ? resolved.AbsoluteUri : null;
        }
        var author = Field(fields, "author");
        var section = Field(fields, "section") ?? Field(fields, "category");
        return new ImportedPost
        {
            ImportKey = "markdown:" + relative,
            Headline = title,
            Slug = Field(fields, "slug") ?? Path.GetFileNameWithoutExtension(relative),
            Dek = Field(fields, "description") ?? Field(fields, "dek") ?? Field(fields, "summary") ?? "",
            BodyMarkdown = body,
            Author = author is null ? null : new ImportedAuthor(author),
            Section = section is null ? null : new ImportedSection(section),
            Tags = List(fields, "tags"),
            Status = status,
            PublishedAt = publishedAt,
            HeroImageUrl = hero,
            HeroAlt = Field(fields, "image_alt") ?? Field(fields, "hero_alt"),
            HeroCaption = Field(fields, "image_caption") ?? Field(fields, "hero_caption"),
        };
    }

    /// <summary>A scalar field as text; a list or map where a scalar belongs reads as missing.</summary>
    private static string? Field(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;

    /// <summary>Tags as a YAML list or a comma-separated string.</summary>
    private static List<string> List(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value switch
        {
            string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            IEnumerable items => items.OfType<object>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "").Where(i => i.Trim().Length > 0).ToList(),
            _ => [],
        } : [];

    private static string? FirstHeading(string body) =>
        body.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() is { Length: > 0 } heading ? heading : null;
}
