using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Caching;

namespace NewsPortal.Web.Mvc;

/// <summary>Tags a cacheable reader page with every article it shows, read from its view model.</summary>
public sealed class ArticleCardTagsFilter : IAsyncResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is ViewResult { Model: { } model })
        {
            var slugs = SlugsShownBy(model);
            if (slugs is not null)
            {
                PageCacheTags.AddArticles(context.HttpContext, slugs);
            }
        }
        return next();
    }

    public static IEnumerable<string>? SlugsShownBy(object model) => model switch
    {
        ArticlePage page => [page.Slug, .. page.Related.Select(c => c.Slug), .. page.Translations.Select(t => t.Slug)],
        HomePage home => [.. (home.Lead is null ? [] : new[] { home.Lead.Slug }), .. home.TopStories.Select(c => c.Slug),
            .. home.Columns.Select(c => c.Slug), .. home.Latest.Articles.Select(c => c.Slug)],
        ListingPage listing => listing.Articles.Select(c => c.Slug),
        AuthorPage author => author.Listing.Articles.Select(c => c.Slug),
        IEnumerable<ColumnistSummary> columnists => columnists.SelectMany(c => c.Latest).Select(c => c.Slug),
        IEnumerable<ArticleCard> cards => cards.Select(c => c.Slug),
        _ => null,
    };
}
