using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPortal.Web.Features.Search.Sqlite;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Shared.Sqlite;

namespace NewsPortal.Web.Features.Search;

public static class SearchServices
{
    /// <summary>The full-text index, the search page's queries and the gate that bounds them.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        services.AddScoped<ISearchQueries, SqliteSearchQueries>();
        services.TryAddScoped<IPlannerStatistics, SqlitePlannerStatistics>();
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchService>();
        services.AddSingleton<SearchGate>();
        return services;
    }
}
