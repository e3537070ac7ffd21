namespace NewsPortal.Web.Features.Generator;

public static class GeneratorServices
{
    /// <summary>The synthetic archive behind <c>generate</c> and the benchmark.</summary>
    public static IServiceCollection AddGenerator(this IServiceCollection services)
    {
        services.AddScoped<ArticleGenerator>();
        return services;
    }
}
