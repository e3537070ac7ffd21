using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// A request that still finds the database locked after the busy timeout and
/// <see cref="SqliteBusyRetry"/>'s retries gets 503 with <c>Retry-After</c> (the status-code page
/// says "busy, try again") and one warning line, instead of a 500 and an error log. Nothing was
/// written: SQLite refuses the lock before any change.
/// </summary>
public sealed partial class DatabaseBusyResponses(RequestDelegate next, ILogger<DatabaseBusyResponses> logger)
{
    /// <summary>Seconds a client is asked to wait; a lock that outlasted the timeouts is a long write, such as a reindex.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (SqliteBusyRetry.IsBusy(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogBusy(logger, context.Request.Method, context.Request.Path.Value ?? "", e.GetBaseException().Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database busy on {RequestMethod} {RequestPath}, answered 503: {Reason}")]
    private static partial void LogBusy(ILogger logger, string requestMethod, string requestPath, string reason);
}
