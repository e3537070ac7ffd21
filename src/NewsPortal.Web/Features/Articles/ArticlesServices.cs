using NewsPortal.Web.Features.Articles.Sqlite;
using NewsPortal.Web.Features.KeyPoints;
using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Web.Features.Articles;

public static class ArticlesServices
{
    /// <summary>Reader article pages and listings, derived article content, and the change publisher every save reports to.</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddOptions<RelatedDisplayOptions>().BindConfiguration("Related");
        services.AddOptions<KeyPointsOptions>().BindConfiguration(KeyPointsOptions.Section);
        services.AddSingleton<IMarkdownRenderer, MarkdownRenderer>();
        services.AddSingleton<ArticleContentService>();
        services.AddScoped<PublishedArticles>();
        services.AddScoped<ArticleCards>();
        services.AddScoped<IListingIds, SqliteListingIds>();
        services.AddScoped<ArticlePageService>();
        services.AddScoped<ListingService>();
        services.AddScoped<SectionNavigation>();
        services.AddSingleton<ListingCounts>();
        services.AddScoped<IArticleChangeHandler, ListingCountsReset>();
        services.AddScoped<ArticleChangePublisher>();
        return services;
    }
}
