namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// HEAD is GET without the body (RFC 9110, 9.3.2), but MVC's <c>[HttpGet]</c> routes match GET alone, so every
/// reader page and feed answered HEAD with a 404: uptime monitors, link checkers and nginx's bypassed requests saw a
/// missing site. The request is routed, cached and answered as the GET it stands for; Kestrel remembers the
/// method the client sent and sends no body, and the log line names HEAD again.
/// </summary>
public sealed class HeadRequestsAsGet(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            request.Method = HttpMethods.Head;
        }
    }
}
