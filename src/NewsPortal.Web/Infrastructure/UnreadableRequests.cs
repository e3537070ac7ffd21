using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Reads a posted form before MVC does. A body the server cannot read — a value or a body over the
/// limits, a broken multipart body — then ends in the 400 or 413 error page and one warning, instead of
/// an exception inside antiforgery or model binding that left the client with no status at all.
/// Runs after routing, so an endpoint's own [RequestSizeLimit] and [RequestFormLimits] still apply.
/// </summary>
public sealed partial class UnreadableRequests(RequestDelegate next, IOptions<FormOptions> formOptions, ILogger<UnreadableRequests> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }

        ApplyEndpointLimits(context);
        int status;
        string reason;
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            status = 0;
            reason = "";
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away; nobody is left to answer
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (BadHttpRequestException e)
        {
            (status, reason) = (e.StatusCode, e.Message);
        }
        catch (InvalidDataException e)
        {
            // The form reader's limits ("Form value length limit 4194304 exceeded.") are the only
            // InvalidDataExceptions that end in "exceeded"; everything else is a malformed body.
            (status, reason) = (e.Message.EndsWith("exceeded.", StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message);
        }
        catch (IOException e)
        {
            (status, reason) = (StatusCodes.Status400BadRequest, e.Message);
        }

        if (status == 0)
        {
            await next(context);
            return;
        }

        LogUnreadable(logger, context.Request.Method, context.Request.Path.Value ?? "", status, reason);
        // The error page is re-executed on this same request: give it an empty form to read.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = status;
    }

    private void ApplyEndpointLimits(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IRequestSizeLimitMetadata>() is { } size
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = size.MaxRequestBodySize;
        }
        if (metadata?.GetMetadata<IFormOptionsMetadata>() is { } form)
        {
            var defaults = formOptions.Value;
            var options = new FormOptions
            {
                BufferBody = form.BufferBody ?? defaults.BufferBody,
                MemoryBufferThreshold = form.MemoryBufferThreshold ?? defaults.MemoryBufferThreshold,
                BufferBodyLengthLimit = form.BufferBodyLengthLimit ?? defaults.BufferBodyLengthLimit,
                ValueCountLimit = form.ValueCountLimit ?? defaults.ValueCountLimit,
                KeyLengthLimit = form.KeyLengthLimit ?? defaults.KeyLengthLimit,
                ValueLengthLimit = form.ValueLengthLimit ?? defaults.ValueLengthLimit,
                MultipartBoundaryLengthLimit = form.MultipartBoundaryLengthLimit ?? defaults.MultipartBoundaryLengthLimit,
                MultipartHeadersCountLimit = form.MultipartHeadersCountLimit ?? defaults.MultipartHeadersCountLimit,
                MultipartHeadersLengthLimit = form.MultipartHeadersLengthLimit ?? defaults.MultipartHeadersLengthLimit,
                MultipartBodyLengthLimit = form.MultipartBodyLengthLimit ?? defaults.MultipartBodyLengthLimit,
            };
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, options));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable request body on {RequestMethod} {RequestPath}, answered {StatusCode}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string requestMethod, string requestPath, int statusCode, string reason);
}
