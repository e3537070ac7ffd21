namespace NewsPortal.Web.Features.Sitemaps;

/// <summary>
/// Reads one article sitemap file's rows: published, non-syndicated articles in id order. Behind an
/// interface because the fast way to page 10,000 rows is the database's own (SQLite needs its index named).
/// </summary>
public interface ISitemapPages
{
    Task<IReadOnlyList<SitemapRow>> ArticlesAsync(DateTime publishedBy, int offset, int count, CancellationToken cancellationToken);
}

/// <summary>One URL of an article sitemap file, read straight from the sitemap index.</summary>
public sealed class SitemapRow
{
    public string Slug { get; set; } = "";
    public DateTime PublishedAt { get; set; }
    public DateTime? RevisedAt { get; set; }
}
