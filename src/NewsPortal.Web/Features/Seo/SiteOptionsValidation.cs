using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Seo;

/// <summary>
/// <c>Site:BaseUrl</c>, when set, must be an absolute http(s) address; in Production it must be set, so
/// that feeds, sitemaps and canonical links never take their host from the request's Host header.
/// </summary>
public sealed class SiteOptionsValidation(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail(
                    "Site:BaseUrl is required in Production: set it (environment variable Site__BaseUrl) to the portal's public " +
                    "address, e.g. https://news.example.org. Feeds, sitemaps and canonical links use it instead of the request's Host header.")
                : ValidateOptionsResult.Success;
        }
        return SiteUrls.Normalize(options.BaseUrl) is null
            ? ValidateOptionsResult.Fail($"Site:BaseUrl '{options.BaseUrl}' is not an absolute http or https address such as https://news.example.org.")
            : ValidateOptionsResult.Success;
    }
}
