using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>The admin article list: filters, newest change first, paged.</summary>
public sealed class ArticleListService(NewsPortalDbContext db, ArticleFormService forms)
{
    public const int PageSize = 25;

    public async Task<ArticleListPage> ListAsync(ArticleListQuery query, Editor editor, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking();
        if (!editor.CanPublish)
        {
            // Authors see their own work only.
            articles = articles.Where(a => a.AuthorId == editor.AuthorId);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            articles = articles.Where(a => a.Headline.Contains(q) || a.Slug.Contains(q) || a.Dek.Contains(q));
        }
        if (query.Status is { } status)
        {
            articles = articles.Where(a => a.Status == status);
        }
        if (query.SectionId is { } sectionId)
        {
            articles = articles.Where(a => a.SectionId == sectionId);
        }
        if (query.AuthorId is { } authorId)
        {
            articles = articles.Where(a => a.AuthorId == authorId);
        }
        if (query.Kind is { } kind)
        {
            articles = articles.Where(a => a.Kind == kind);
        }
        var total = await articles.CountAsync(cancellationToken);
        var items = await articles
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleListItem(a.Id, a.Slug, a.Headline, a.Kind, a.Status, a.Author!.Name, a.Section!.Name,
                a.PublishedAt, a.UpdatedAt, a.Language))
            .ToListAsync(cancellationToken);
        return new ArticleListPage
        {
            Query = query,
            Items = items,
            Total = total,
            TotalPages = Paging.PageCount(total, PageSize),
            Options = await forms.GetOptionsAsync(cancellationToken),
        };
    }
}
