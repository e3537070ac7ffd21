using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Applies the endpoint's request limits (<see cref="RequestLimitsPolicy"/>) and reads a posted form before MVC does.
/// A body the server cannot read — over the limits, a broken multipart body, a short body — then ends in the 400
/// or 413 error page and one warning, instead of an exception inside antiforgery or model binding that left the
/// client with no status at all. A <see cref="BadHttpRequestException"/> thrown later (a body read by a model
/// binder, a body shorter than its Content-Length) gets its own status too, never a 500.
/// Runs after routing and authorization, so a request an endpoint refuses anyway is never read.
/// </summary>
public sealed partial class UnreadableRequests(RequestDelegate next, RequestLimitsPolicy policy, ILogger<UnreadableRequests> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executed for this request: its body was dealt with (or refused) the first time.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }

        var limit = policy.For(context.GetEndpoint());
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit.MaxBodyBytes;
        }
        if (context.Request.ContentLength is { } length && length > limit.MaxBodyBytes)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge,
                $"Request body of {length} bytes is over the {limit.Kind} limit of {limit.MaxBodyBytes} bytes.");
            return;
        }

        if (context.Request.HasFormContentType)
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, limit.Form));
            var (status, reason) = await ReadFormAsync(context);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client went away; nobody is left to answer
            }
            if (status != 0)
            {
                Refuse(context, status, reason);
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Refuse(context, e.StatusCode, e.Message);
        }
    }

    private static async Task<(int Status, string Reason)> ReadFormAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return (0, "");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (0, "");
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (0, "");
        }
        catch (BadHttpRequestException e)
        {
            return (e.StatusCode, e.Message);
        }
        catch (InvalidDataException e)
        {
            // The form reader's limits ("Form value length limit 65536 exceeded.") are the only
            // InvalidDataExceptions that end in "exceeded"; everything else is a malformed body.
            return (e.Message.EndsWith("exceeded.", StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message);
        }
        catch (IOException e)
        {
            return (StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private void Refuse(HttpContext context, int status, string reason)
    {
        LogUnreadable(logger, context.Request.Method, context.Request.Path.Value ?? "", status, reason);
        // The error page is re-executed on this same request: give it an empty form to read.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = status;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable request body on {RequestMethod} {RequestPath}, answered {StatusCode}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string requestMethod, string requestPath, int statusCode, string reason);
}
