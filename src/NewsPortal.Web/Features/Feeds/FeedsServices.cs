namespace NewsPortal.Web.Features.Feeds;

public static class FeedsServices
{
    /// <summary>RSS and Atom feeds of the site, sections, tags and authors.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddScoped<FeedService>();
        return services;
    }
}
