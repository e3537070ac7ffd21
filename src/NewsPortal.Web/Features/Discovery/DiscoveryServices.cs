using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Discovery;

public static class DiscoveryServices
{
    /// <summary>Keeps the search index and related picks in step with every article change, through the derived-work queue.</summary>
    public static IServiceCollection AddDiscovery(this IServiceCollection services)
    {
        services.AddScoped<IArticleChangeHandler, DiscoveryChangeHandler>();
        services.AddScoped<DerivedWorkQueue>();
        services.AddSingleton<DerivedWorkSignal>();
        services.AddSingleton<DerivedWorkProcessor>();
        services.AddScoped<IDerivedWorkStep, DiscoveryWorkStep>();
        services.AddHostedService<DerivedWorkService>();
        services.AddSingleton<DiscoveryMaintenance>();
        return services;
    }

    /// <summary>Fills an empty search index and missing related picks; runs when serving, not for operator commands.</summary>
    public static Task PrepareDiscoveryAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DiscoveryMaintenance>().PrepareAsync(cancellationToken);

    /// <summary>
    /// Does the derived work still pending, for operator commands, which run without the background worker: what an
    /// import or ingest queued is done before the command ends. Work that keeps failing stays queued for the next start.
    /// </summary>
    public static Task<(int Processed, int Pending)> CompleteDerivedWorkAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DerivedWorkProcessor>().DrainAsync(cancellationToken);
}
