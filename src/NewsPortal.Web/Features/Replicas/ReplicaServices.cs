using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Replicas;

public static class ReplicaServices
{
    /// <summary>
    /// What several replicas share: the job leases (always: one replica or many, the database decides), and with
    /// <c>Redis:Configuration</c> set, the Redis connection, the Redis output cache store, shared limit counters and
    /// the cross-replica reset of remembered listing counts. Call after <c>AddPageCaching()</c>, whose store it replaces.
    /// </summary>
    public static IServiceCollection AddReplicas(this IServiceCollection services, bool redisConfigured)
    {
        services.AddSingleton<JobLeases>();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        if (!redisConfigured)
        {
            services.AddSingleton(sp => new SharedWindowCounter(sp.GetRequiredService<IMemoryCache>()));
            return services;
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton(sp => new SharedWindowCounter(sp.GetRequiredService<IMemoryCache>(), sp.GetRequiredService<RedisConnection>()));

        // ASP.NET Core's Redis store, wrapped so that an outage means "no cache" instead of a failed request.
        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
            .Configure<RedisConnection>((options, connection) =>
            {
                options.InstanceName = connection.InstanceName + "pages:";
                options.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer);
            });
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new SharedPageCacheStore(CreateInner(sp, redisStore), sp.GetRequiredService<RedisConnection>()));

        services.AddSingleton<ListingCountsBroadcast>();
        services.AddScoped<IArticleChangeHandler, ListingCountsBroadcast.Handler>();
        services.AddHostedService(sp => sp.GetRequiredService<ListingCountsBroadcast>());
        return services;
    }

    private static IOutputCacheStore CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor switch
        {
            { ImplementationInstance: IOutputCacheStore instance } => instance,
            { ImplementationFactory: { } factory } => (IOutputCacheStore)factory(services),
            { ImplementationType: { } type } => (IOutputCacheStore)ActivatorUtilities.CreateInstance(services, type),
            _ => throw new InvalidOperationException("The Redis output cache store could not be created."),
        };
}
