using NewsPortal.Web.Features.Sitemaps.Sqlite;

namespace NewsPortal.Web.Features.Sitemaps;

public static class SitemapsServices
{
    /// <summary>The sitemap index, its article pages, the news sitemap and robots.txt.</summary>
    public static IServiceCollection AddSitemaps(this IServiceCollection services)
    {
        services.AddOptions<SitemapOptions>().BindConfiguration("Sitemap");
        services.AddScoped<ISitemapPages, SqliteSitemapPages>();
        services.AddScoped<SitemapService>();
        services.AddSingleton<SitemapGate>();
        return services;
    }
}
