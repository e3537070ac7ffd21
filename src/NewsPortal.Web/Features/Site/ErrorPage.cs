namespace NewsPortal.Web.Features.Site;

/// <param name="RequestId">Shown on 5xx pages: the id a reader quotes to support, also on the request's log line.</param>
public sealed record ErrorPage(int StatusCode, string? RequestId = null)
{
    /// <summary>The request's id for support and the logs: the trace's activity id, else the server's request id.</summary>
    public static string RequestIdOf(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;

    public string Title => StatusCode switch
    {
        400 => "Bad request",
        403 => "Access denied",
        404 => "Page not found",
        405 => "Method not allowed",
        413 => "Request too large",
        429 => "Too many attempts",
        503 => "Busy right now",
        _ when StatusCode >= 500 => "Something went wrong",
        _ => "Request could not be completed",
    };

    public string Message => StatusCode switch
    {
        400 => "The address or form had a value we could not understand. Check it and try again.",
        403 => "You do not have permission to see this page.",
        404 => "We could not find that page. It may have moved, or the address may be mistyped.",
        413 => "The form was larger than we accept. Shorten it and try again.",
        429 => "You have tried this too many times in a short while. Please wait a few minutes, then try again.",
        503 => "We are busy right now and could not finish this; nothing was changed. Please wait a few seconds, then try again.",
        _ when StatusCode >= 500 => "We hit a problem showing this page. Please try again in a moment.",
        _ => "The request could not be completed.",
    };
}
