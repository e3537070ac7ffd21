using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPortal.Web.Operations.Generator.Sqlite;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Shared.Sqlite;

namespace NewsPortal.Web.Operations.Generator;

public static class GeneratorServices
{
    /// <summary>The synthetic archive behind <c>generate</c> and the benchmark.</summary>
    public static IServiceCollection AddGenerator(this IServiceCollection services)
    {
        services.AddScoped<ArticleGenerator>();
        services.AddScoped<ReferenceDataPreparer>();
        services.AddScoped<IBulkArticleWriter, SqliteBulkArticleWriter>();
        // TryAdd: the search index needs the same statistics service and may register it too.
        services.TryAddScoped<IPlannerStatistics, SqlitePlannerStatistics>();
        return services;
    }
}
