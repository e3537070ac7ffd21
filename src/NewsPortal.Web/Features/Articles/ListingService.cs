using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Articles;

/// <summary>The reader listings: home, section, tag and author pages, and the columnists page.</summary>
public sealed class ListingService(
    NewsPortalDbContext db,
    PublishedArticles published,
    ArticleCards cards,
    IListingIds listingIds,
    IMarkdownRenderer markdown,
    ListingCounts counts)
{
    public const int PageSize = 20;
    private const int ColumnsPerColumnist = 3;

    public async Task<HomePage?> GetHomeAsync(int page, CancellationToken cancellationToken)
    {
        var latest = await ListAsync(ListingScope.Home, "Latest news", null, "/", page, cancellationToken);
        if (latest is null)
        {
            return null;
        }
        if (page > 1)
        {
            return new HomePage { TopStories = [], Columns = [], Latest = latest };
        }

        var columns = await published.Query()
            .Where(a => a.Kind == ArticleKind.Column)
            .OrderByDescending(a => a.PublishedAt)
            .Take(4)
            .Select(ArticleCards.Projection)
            .ToListAsync(cancellationToken);
        var news = latest.Articles.Where(a => a.Kind != ArticleKind.Column).ToList();
        var lead = news.Count > 0 ? news[0] : latest.Articles.Count > 0 ? latest.Articles[0] : null;
        var top = news.Where(a => a != lead).Take(4).ToList();
        var rest = latest.Articles.Where(a => a != lead && !top.Contains(a) && !columns.Contains(a)).ToList();
        return new HomePage
        {
            Lead = lead,
            TopStories = top,
            Columns = columns,
            Latest = new ListingPage
            {
                Title = latest.Title,
                Articles = rest,
                Page = latest.Page,
                TotalPages = latest.TotalPages,
                BasePath = latest.BasePath,
            },
        };
    }

    public async Task<ListingPage?> GetSectionAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken);
        return section is null
            ? null
            : await ListAsync(ListingScope.Section(section.Id), section.Name, $"The latest {section.Name} stories.", $"/sections/{slug}", page, cancellationToken);
    }

    public async Task<ListingPage?> GetTagAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        var listing = await ListAsync(ListingScope.Tag(tag.Id), "#" + tag.Name, $"Articles tagged #{tag.Name}.", $"/tags/{slug}", page, cancellationToken);
        // A tag only drafts or scheduled articles use is not public yet: its page would leak it.
        return listing is { Articles.Count: > 0 } ? listing : null;
    }

    public async Task<AuthorPage?> GetAuthorAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Name, a.Bio, a.PhotoUrl, a.IsColumnist, a.ColumnName })
            .FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return null;
        }
        var listing = await ListAsync(ListingScope.Author(author.Id), author.Name, null, $"/authors/{slug}", page, cancellationToken);
        return listing is null
            ? null
            : new AuthorPage
            {
                Slug = slug,
                Name = author.Name,
                BioHtml = markdown.ToSafeHtml(author.Bio),
                PhotoUrl = author.PhotoUrl,
                IsColumnist = author.IsColumnist,
                ColumnName = author.ColumnName,
                Listing = listing,
            };
    }

    /// <summary>Columnists with their latest three columns, the most recently published first.</summary>
    public async Task<IReadOnlyList<ColumnistSummary>> GetColumnistsAsync(CancellationToken cancellationToken)
    {
        var columnists = await db.Authors.AsNoTracking()
            .Where(a => a.IsColumnist)
            .OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Slug, a.Name, a.ColumnName, a.PhotoUrl })
            .ToListAsync(cancellationToken);
        var latestIds = await listingIds.LatestColumnsAsync(columnists.ConvertAll(c => c.Id), published.Now, ColumnsPerColumnist, cancellationToken);
        var latest = (await cards.ByIdsAsync(latestIds, cancellationToken)).OrderByDescending(c => c.PublishedAt).ToList();

        return columnists
            .Select(c => new ColumnistSummary(c.Slug, c.Name, c.ColumnName, c.PhotoUrl,
                latest.Where(card => card.AuthorSlug == c.Slug).ToList()))
            .Where(c => c.Latest.Count > 0)
            .OrderByDescending(c => c.Latest[0].PublishedAt)
            .ToList();
    }

    /// <summary>
    /// One page of a listing in three bounded queries: the count (remembered for big listings), the
    /// page's ids from the index, then the cards of just those ids.
    /// </summary>
    private async Task<ListingPage?> ListAsync(
        ListingScope scope, string title, string? description, string basePath, int page, CancellationToken cancellationToken)
    {
        var now = published.Now;
        var remembered = counts.TryGet(basePath, out var total);
        if (!remembered || page > Paging.PageCount(total, PageSize))
        {
            total = await listingIds.CountAsync(scope, now, cancellationToken);
            counts.Remember(basePath, total);
        }
        var totalPages = Paging.PageCount(total, PageSize);
        if (page > totalPages)
        {
            return null;
        }
        var ids = await listingIds.PageAsync(scope, now, (page - 1) * PageSize, PageSize, cancellationToken);
        return new ListingPage
        {
            Title = title,
            Description = description,
            Articles = await cards.ByIdsAsync(ids, cancellationToken),
            Page = page,
            TotalPages = totalPages,
            BasePath = basePath,
        };
    }
}
