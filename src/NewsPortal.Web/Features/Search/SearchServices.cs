namespace NewsPortal.Web.Features.Search;

public static class SearchServices
{
    /// <summary>The full-text index, the search page's queries and the gate that bounds them.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchService>();
        services.AddSingleton<SearchGate>();
        return services;
    }
}
