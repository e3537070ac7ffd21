using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Features.Feeds;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Search;
using NewsPortal.Web.Features.Seo;
using NewsPortal.Web.Features.Sitemaps;
using NewsPortal.Web.Operations;

namespace NewsPortal.Web.Infrastructure;

/// <summary>Search, feeds, sitemaps, SEO metadata and automatic related articles.</summary>
public static class DiscoveryServices
{
    public static WebApplicationBuilder AddNewsPortalDiscovery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchService>();
        services.AddSingleton<SearchGate>();
        services.AddScoped<AutomaticRelatedService>();
        services.AddScoped<IArticleChangeHandler, DiscoveryChangeHandler>();
        services.AddSingleton<DiscoveryMaintenance>();
        services.AddSingleton<IOperatorCommand, ReindexCommand>();
        services.AddSingleton<SiteUrls>();
        services.AddScoped<FeedService>();
        services.AddScoped<SitemapService>();
        services.AddSingleton<SitemapGate>();

        // Encode markup characters only: Korean headlines, meta tags and snippets stay readable
        // (and a third the size) instead of becoming &#xD55C; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>Fills an empty search index and missing related picks; runs when serving, not for operator commands.</summary>
    public static Task PrepareDiscoveryAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DiscoveryMaintenance>().PrepareAsync(cancellationToken);
}
