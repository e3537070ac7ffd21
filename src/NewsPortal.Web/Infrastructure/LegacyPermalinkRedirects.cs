using NewsPortal.Web.Features.Imports;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Old addresses of imported articles answer 301 to the article. Cheap by construction: a WordPress id on the
/// front page (<c>/?p=123</c>, which the front page would otherwise show, from its cache) costs one lookup and
/// only when the query carries one; any other old address is looked up only once the request has ended in an
/// empty 404 (no route, or a reader page that found nothing), so existing pages, the output cache and its
/// cache-busting protection are untouched, and a miss still gets the 404 page.
/// </summary>
public sealed class LegacyPermalinkRedirects(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var idKey = LegacyPaths.WordPressIdOf(request);
        if (idKey is not null && request.Path == "/" && await TryRedirectAsync(context, null, idKey))
        {
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted)
        {
            await TryRedirectAsync(context, LegacyPaths.ForRequest(request.Path), idKey);
        }
    }

    private static async Task<bool> TryRedirectAsync(HttpContext context, string? pathKey, string? idKey)
    {
        var lookup = context.RequestServices.GetRequiredService<LegacyPermalinkLookup>();
        if (await lookup.FindAsync(pathKey, idKey, context.RequestAborted) is not { } target)
        {
            return false;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        // Relative: the address is this site's, whatever Host header the request carried.
        response.Headers.Location = target;
        response.ContentLength = 0;
        return true;
    }
}

public static class LegacyPermalinkRedirectsExtensions
{
    /// <summary>Before the output cache, so <c>/?p=123</c> is answered before the cached front page is.</summary>
    public static IApplicationBuilder UseLegacyPermalinkRedirects(this IApplicationBuilder app) => app.UseMiddleware<LegacyPermalinkRedirects>();
}
