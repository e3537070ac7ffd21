using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Seo;

public static class SeoServices
{
    /// <summary>Absolute URLs for canonical links, Open Graph and JSON-LD.</summary>
    public static IServiceCollection AddSeo(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration("Site").ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidation>();
        services.AddSingleton<SiteUrls>();
        return services;
    }
}
