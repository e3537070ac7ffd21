using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Discovery;

public static class DiscoveryServices
{
    /// <summary>Keeps the search index, related picks and key points in step with every article change.</summary>
    public static IServiceCollection AddDiscovery(this IServiceCollection services)
    {
        services.AddScoped<IArticleChangeHandler, DiscoveryChangeHandler>();
        services.AddSingleton<DiscoveryMaintenance>();
        return services;
    }

    /// <summary>Fills an empty search index and missing related picks; runs when serving, not for operator commands.</summary>
    public static Task PrepareDiscoveryAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DiscoveryMaintenance>().PrepareAsync(cancellationToken);
}
