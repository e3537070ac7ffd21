using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Seo;

namespace NewsPortal.Web.Features.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
}

public sealed record FeedEntry(
    int Id,
    string Slug,
    string Headline,
    string Summary,
    string AuthorName,
    string AuthorSlug,
    string SectionName,
    string SectionSlug,
    IReadOnlyList<string> Tags,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    string? HeroImageUrl);

/// <summary>The newest entries of one feed, with the validators conditional GETs compare against.</summary>
public sealed record FeedContent(string Key, string Title, string Description, string HtmlPath, IReadOnlyList<FeedEntry> Entries, DateTimeOffset LastModified, string ETag);

/// <summary>RSS 2.0 and Atom feeds of the site, a section, a tag or an author: the newest 50 published articles.</summary>
public sealed class FeedService(NewsPortalDbContext db, PublishedArticles published, SiteUrls urls)
{
    public const int EntryCount = 50;

    public Task<FeedContent> GetSiteAsync(CancellationToken cancellationToken) =>
        BuildAsync("site", urls.Name, urls.Description, "/", published.Query(), cancellationToken);

    public async Task<FeedContent?> GetSectionAsync(string slug, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken);
        return section is null ? null : await BuildAsync("section:" + slug, $"{section.Name} | {urls.Name}", $"The latest {section.Name} stories.",
            "/sections/" + slug, published.Query().Where(a => a.SectionId == section.Id), cancellationToken);
    }

    public async Task<FeedContent?> GetTagAsync(string slug, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        var feed = await BuildAsync("tag:" + slug, $"#{tag.Name} | {urls.Name}", $"Articles tagged #{tag.Name}.",
            "/tags/" + slug, published.Query().Where(a => db.ArticleTags.Any(t => t.TagId == tag.Id && t.ArticleId == a.Id)), cancellationToken);
        // As the tag page: a tag only drafts or scheduled articles use is not public yet.
        return feed.Entries.Count > 0 ? feed : null;
    }

    public async Task<FeedContent?> GetAuthorAsync(string slug, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, a.ColumnName }).FirstOrDefaultAsync(cancellationToken);
        return author is null ? null : await BuildAsync("author:" + slug, $"{author.ColumnName ?? author.Name} | {urls.Name}", $"Articles by {author.Name}.",
            "/authors/" + slug, published.Query().Where(a => a.AuthorId == author.Id), cancellationToken);
    }

    private async Task<FeedContent> BuildAsync(string key, string title, string description, string htmlPath, IQueryable<Article> query, CancellationToken cancellationToken)
    {
        var rows = await query
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(EntryCount)
            // Tags in a second statement over just these entries: as one join, SQLite walked every tag row of the archive.
            .AsSplitQuery()
            .Select(a => new
            {
                a.Id, a.Slug, a.Kind, a.Headline, a.Dek, a.Excerpt,
                AuthorName = a.Author!.Name, AuthorSlug = a.Author.Slug,
                SectionName = a.Section!.Name, SectionSlug = a.Section.Slug,
                PublishedAt = a.PublishedAt!.Value, a.RevisedAt, a.HeroImageUrl,
            })
            .ToListAsync(cancellationToken);
        // Tags in a second query keyed by the 50 ids: a collection join here makes SQLite build the
        // whole ArticleTags × Tags join first.
        var ids = rows.Select(r => r.Id).ToList();
        var tagsByArticle = (await db.ArticleTags.AsNoTracking()
                .Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.Tag!.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.ArticleId, t => t.Name);
        var entries = rows.Select(r => new FeedEntry(
            r.Id, r.Slug, ArticleHeadline.Display(r.Kind, r.AuthorName, r.Headline), r.Dek.Length > 0 ? r.Dek : r.Excerpt,
            r.AuthorName, r.AuthorSlug, r.SectionName, r.SectionSlug, tagsByArticle[r.Id].Order(StringComparer.Ordinal).ToList(), r.PublishedAt,
            r.RevisedAt is { } revised && revised > r.PublishedAt ? revised : r.PublishedAt, r.HeroImageUrl)).ToList();

        var lastModified = entries.Count == 0 ? DateTime.UnixEpoch : entries.Max(e => e.UpdatedAt);
        var fingerprint = new StringBuilder(key).Append('|').Append(title);
        foreach (var entry in entries)
        {
            fingerprint.Append('|').Append(entry.Id).Append(':').Append(entry.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(entry.Headline).Append(':').Append(entry.Summary).Append(':').Append(string.Join(',', entry.Tags));
        }
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())))[..20] + "\"";
        return new FeedContent(key, title, description, htmlPath, entries,
            new DateTimeOffset(DateTime.SpecifyKind(lastModified, DateTimeKind.Utc)), etag);
    }

    /// <summary>Writes the feed as RSS 2.0 or Atom 1.0 with absolute URLs throughout.</summary>
    public byte[] Render(FeedContent content, FeedFormat format, HttpRequest request, string selfPath)
    {
        var feed = new SyndicationFeed(content.Title, content.Description, new Uri(urls.Absolute(request, content.HtmlPath)))
        {
            Id = urls.Absolute(request, content.HtmlPath),
            LastUpdatedTime = content.LastModified,
            Language = "en",
            Generator = "NewsPortal",
            // Readers render a channel's description as HTML too, and it carries a bio or a tag's name as typed.
            Description = new TextSyndicationContent(System.Net.WebUtility.HtmlEncode(content.Description), TextSyndicationContentKind.Html),
        };
        feed.Links.Add(new SyndicationLink(new Uri(urls.Absolute(request, selfPath)), "self",
            null, format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml", 0));
        feed.Items = content.Entries.Select(entry =>
        {
            var link = urls.Absolute(request, "/articles/" + entry.Slug);
            var item = new SyndicationItem
            {
                Id = link,
                Title = new TextSyndicationContent(entry.Headline),
                // Feed readers treat an RSS description as HTML: the plain-text summary goes in escaped, never as markup.
                Summary = new TextSyndicationContent(System.Net.WebUtility.HtmlEncode(entry.Summary), TextSyndicationContentKind.Html),
                LastUpdatedTime = new DateTimeOffset(DateTime.SpecifyKind(entry.UpdatedAt, DateTimeKind.Utc)),
                PublishDate = new DateTimeOffset(DateTime.SpecifyKind(entry.PublishedAt, DateTimeKind.Utc)),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(link), "text/html"));
            item.Authors.Add(new SyndicationPerson(null, entry.AuthorName, urls.Absolute(request, "/authors/" + entry.AuthorSlug)));
            item.Categories.Add(new SyndicationCategory(entry.SectionName, urls.Absolute(request, "/sections/" + entry.SectionSlug), null));
            foreach (var tag in entry.Tags)
            {
                item.Categories.Add(new SyndicationCategory(tag));
            }
            if (entry.HeroImageUrl is not null)
            {
                item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(urls.Absolute(request, entry.HeroImageUrl)), GuessImageType(entry.HeroImageUrl), 0));
            }
            return item;
        }).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, Async = false }))
        {
            if (format == FeedFormat.Rss)
            {
                new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true).WriteTo(writer);
            }
            else
            {
                new Atom10FeedFormatter(feed).WriteTo(writer);
            }
        }
        return stream.ToArray();
    }

    private static string GuessImageType(string url) =>
        Path.GetExtension(new Uri(new Uri("http://x/"), url).AbsolutePath).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".svg" => "image/svg+xml",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            _ => "image/jpeg",
        };
}
