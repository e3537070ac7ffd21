using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Caching;

/// <summary>
/// Evicts the cached pages a changed article appears on: its own page at every slug it had, every
/// page showing it as a card (listings, related sidebars, search — tagged by
/// <c>Mvc/ArticleCardTagsFilter</c>), and the first pages it may newly appear on: home, its
/// section, its tags, its author, the columns page for a column, feeds and search.
/// </summary>
public sealed class PageCacheEviction(NewsPortalDbContext db, IOutputCacheStore store) : IArticleChangeHandler
{
    public async Task HandleAsync(ArticleChange change, CancellationToken cancellationToken)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal) { PageCacheTags.Home, PageCacheTags.Feeds, PageCacheTags.Search };
        foreach (var slug in change.Slugs)
        {
            tags.Add(PageCacheTags.Article(slug));
        }

        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == change.ArticleId)
            .Select(a => new
            {
                a.Slug,
                a.Kind,
                SectionSlug = a.Section!.Slug,
                AuthorSlug = a.Author!.Slug,
                Tags = a.Tags.Select(t => t.Tag!.Slug).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is not null)
        {
            tags.Add(PageCacheTags.Article(article.Slug));
            tags.Add(PageCacheTags.Section(article.SectionSlug));
            tags.Add(PageCacheTags.Author(article.AuthorSlug));
            tags.UnionWith(article.Tags.Select(PageCacheTags.Tag));
            if (article.Kind == ArticleKind.Column)
            {
                tags.Add(PageCacheTags.Columns);
            }
        }
        else
        {
            // A deleted article: its old listings carry its card tag; the columns page may have shown it.
            tags.Add(PageCacheTags.Columns);
        }

        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }
}
