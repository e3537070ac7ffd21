using NewsPortal.Web.Features.Related.Sqlite;

namespace NewsPortal.Web.Features.Related;

public static class RelatedServices
{
    /// <summary>Curated and automatic related articles.</summary>
    public static IServiceCollection AddRelated(this IServiceCollection services)
    {
        services.AddScoped<IRelatedTexts, SqliteRelatedTexts>();
        services.AddScoped<RelatedLinkService>();
        services.AddScoped<AutomaticRelatedService>();
        return services;
    }
}
