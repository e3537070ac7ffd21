using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Seo;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Sitemaps;

/// <summary>
/// sitemap.xml (an index), paged URL sets of articles plus one of listing pages, the Google News
/// sitemap of the last 48 hours, and robots.txt. Syndicated articles (with an original URL) are left
/// out: their canonical address is elsewhere.
/// </summary>
public sealed class SitemapService(NewsPortalDbContext db, PublishedArticles published, ISitemapPages pages, SiteUrls urls, IOptions<SitemapOptions> options)
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);
    private const int MaxNewsEntries = 1000;

    /// <summary>URLs per article sitemap file (the protocol allows 50,000; smaller files are kinder to crawlers).</summary>
    public int PageSize { get; } = Math.Clamp(options.Value.PageSize, 1, 50_000);

    private IQueryable<Article> Listed() => published.Query().Where(a => a.OriginalUrl == null);

    public async Task<int> ArticlePageCountAsync(CancellationToken cancellationToken)
    {
        // Counted on the (Status, PublishedAt) index; syndicated articles left out of the files only
        // make the last page a little shorter.
        var count = await published.Query().CountAsync(cancellationToken);
        return Paging.PageCount(count, PageSize);
    }

    public async Task<byte[]> IndexAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var pages = await ArticlePageCountAsync(cancellationToken);
        return Write(writer =>
        {
            writer.WriteStartElement("sitemapindex", SitemapNamespace);
            WriteSitemap(writer, urls.Absolute(request, "/sitemaps/pages.xml"));
            for (var page = 1; page <= pages; page++)
            {
                WriteSitemap(writer, urls.Absolute(request, $"/sitemaps/articles-{page}.xml"));
            }
            writer.WriteEndElement();
        });
    }

    /// <summary>One page of article URLs, oldest first so a page's content stays stable as new articles arrive; null past the last page.</summary>
    public async Task<byte[]?> ArticlesAsync(int page, HttpRequest request, CancellationToken cancellationToken)
    {
        if (page < 1 || page > await ArticlePageCountAsync(cancellationToken))
        {
            return null;
        }
        var rows = await pages.ArticlesAsync(published.Now, (page - 1) * PageSize, PageSize, cancellationToken);
        return Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            foreach (var row in rows)
            {
                var modified = row.RevisedAt is { } revised && revised > row.PublishedAt ? revised : row.PublishedAt;
                WriteUrl(writer, urls.Absolute(request, "/articles/" + row.Slug), modified);
            }
            writer.WriteEndElement();
        });
    }

    /// <summary>Home, columns, and every section, tag and author page that has something to show.</summary>
    public async Task<byte[]> PagesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var listed = Listed();
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder)
            .Select(s => new { s.Slug, Last = listed.Where(a => a.SectionId == s.Id).Max(a => a.PublishedAt) })
            .ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Slug)
            .Select(t => new { t.Slug, Last = listed.Where(a => db.ArticleTags.Any(at => at.TagId == t.Id && at.ArticleId == a.Id)).Max(a => a.PublishedAt) })
            .ToListAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Slug)
            .Select(au => new { au.Slug, Last = listed.Where(a => a.AuthorId == au.Id).Max(a => a.PublishedAt) })
            .ToListAsync(cancellationToken);
        var latest = await listed.MaxAsync(a => a.PublishedAt, cancellationToken);
        return Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            WriteUrl(writer, urls.Absolute(request, "/"), latest);
            WriteUrl(writer, urls.Absolute(request, "/columns"), null);
            foreach (var s in sections.Where(s => s.Last is not null))
            {
                WriteUrl(writer, urls.Absolute(request, "/sections/" + s.Slug), s.Last);
            }
            foreach (var t in tags.Where(t => t.Last is not null))
            {
                WriteUrl(writer, urls.Absolute(request, "/tags/" + t.Slug), t.Last);
            }
            foreach (var a in authors.Where(a => a.Last is not null))
            {
                WriteUrl(writer, urls.Absolute(request, "/authors/" + a.Slug), a.Last);
            }
            writer.WriteEndElement();
        });
    }

    /// <summary>Google News sitemap: articles published in the last 48 hours, newest first.</summary>
    public async Task<byte[]> NewsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var since = published.Now - NewsWindow;
        var rows = await Listed()
            .Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt)
            .Take(MaxNewsEntries)
            .Select(a => new { a.Slug, a.Kind, a.Headline, AuthorName = a.Author!.Name, a.Language, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return Write(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var row in rows)
            {
                writer.WriteStartElement("url", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, urls.Absolute(request, "/articles/" + row.Slug));
                writer.WriteStartElement("news", "news", NewsNamespace);
                writer.WriteStartElement("news", "publication", NewsNamespace);
                writer.WriteElementString("news", "name", NewsNamespace, urls.Name);
                writer.WriteElementString("news", "language", NewsNamespace, row.Language);
                writer.WriteEndElement();
                writer.WriteElementString("news", "publication_date", NewsNamespace, W3C(row.PublishedAt));
                writer.WriteElementString("news", "title", NewsNamespace, ArticleHeadline.Display(row.Kind, row.AuthorName, row.Headline));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    public string RobotsTxt(HttpRequest request) =>
        string.Join('\n',
            "User-agent: *",
            "Disallow: /admin",
            "Disallow: /account",
            "Disallow: /preview",
            "Disallow: /search",
            "",
            "Sitemap: " + urls.Absolute(request, "/sitemap.xml"),
            "Sitemap: " + urls.Absolute(request, "/sitemap-news.xml"),
            "");

    private static void WriteSitemap(XmlWriter writer, string location)
    {
        writer.WriteStartElement("sitemap", SitemapNamespace);
        writer.WriteElementString("loc", SitemapNamespace, location);
        writer.WriteEndElement();
    }

    private static void WriteUrl(XmlWriter writer, string location, DateTime? modified)
    {
        writer.WriteStartElement("url", SitemapNamespace);
        writer.WriteElementString("loc", SitemapNamespace, location);
        if (modified is { } at)
        {
            writer.WriteElementString("lastmod", SitemapNamespace, W3C(at));
        }
        writer.WriteEndElement();
    }

    private static string W3C(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
