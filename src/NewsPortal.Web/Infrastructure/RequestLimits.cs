using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The <c>RequestLimits</c> section: how large a request the portal reads, per kind of endpoint.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Kestrel's body limit for a request no endpoint rule below covers (default 1 MiB; Kestrel's own is 30 MB).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Body (and so any form value) of an endpoint anyone may post to: sign-in, sign-out, comments (64 KiB).</summary>
    public long ReaderFormBytes { get; set; } = 64 * 1024;

    /// <summary>Body of a staff endpoint, e.g. the article form with a Markdown body of up to 200,000 characters (8 MiB).</summary>
    public long StaffFormBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>One value of a staff form (4 MiB: a 200,000-character body percent-encoded as Korean text is 1.8 MB).</summary>
    public int StaffFormValueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a client may take to send the request headers (Kestrel's default is 30 s).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>How long an idle keep-alive connection stays open (Kestrel's default is 130 s).</summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 60;
}

/// <summary>The size limits one request gets: its body, and how its form is read.</summary>
public sealed record RequestLimit(long? MaxBodyBytes, FormOptions Form, string Kind);

/// <summary>
/// Decides each endpoint's limits from its metadata, so no reader or staff action needs an attribute:
/// <list type="bullet">
/// <item>an endpoint that says so itself — ASP.NET Core's <c>[RequestSizeLimit]</c>, <c>[DisableRequestSizeLimit]</c>,
/// <c>[RequestFormLimits]</c> — gets exactly that (<b>the hook for upload endpoints</b>: put both attributes on the action);</item>
/// <item>an endpoint that requires authorization (the admin area) gets <see cref="RequestLimitsOptions.StaffFormBytes"/>;</item>
/// <item>every other endpoint, and a request no endpoint matched, gets <see cref="RequestLimitsOptions.ReaderFormBytes"/>.</item>
/// </list>
/// </summary>
public sealed class RequestLimitsPolicy(IOptions<RequestLimitsOptions> options, IOptions<FormOptions> formDefaults)
{
    public RequestLimit For(Endpoint? endpoint)
    {
        var settings = options.Value;
        var metadata = endpoint?.Metadata;
        var staff = metadata?.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null;
        var body = staff ? settings.StaffFormBytes : settings.ReaderFormBytes;
        var valueLength = staff ? settings.StaffFormValueBytes : (int)Math.Min(int.MaxValue, settings.ReaderFormBytes);
        var kind = staff ? "staff" : "reader";

        long? maxBody = body;
        if (metadata?.GetMetadata<IRequestSizeLimitMetadata>() is { } size)
        {
            maxBody = size.MaxRequestBodySize;
            kind = "endpoint";
        }

        var defaults = formDefaults.Value;
        var bodyOrDefault = maxBody ?? defaults.MultipartBodyLengthLimit;
        var form = metadata?.GetMetadata<IFormOptionsMetadata>();
        if (form is not null)
        {
            kind = "endpoint";
        }
        var formOptions = new FormOptions
        {
            BufferBody = form?.BufferBody ?? defaults.BufferBody,
            MemoryBufferThreshold = form?.MemoryBufferThreshold ?? defaults.MemoryBufferThreshold,
            BufferBodyLengthLimit = form?.BufferBodyLengthLimit ?? bodyOrDefault,
            ValueCountLimit = form?.ValueCountLimit ?? defaults.ValueCountLimit,
            KeyLengthLimit = form?.KeyLengthLimit ?? defaults.KeyLengthLimit,
            ValueLengthLimit = form?.ValueLengthLimit ?? (int)Math.Min(valueLength, bodyOrDefault),
            MultipartBoundaryLengthLimit = form?.MultipartBoundaryLengthLimit ?? defaults.MultipartBoundaryLengthLimit,
            MultipartHeadersCountLimit = form?.MultipartHeadersCountLimit ?? defaults.MultipartHeadersCountLimit,
            MultipartHeadersLengthLimit = form?.MultipartHeadersLengthLimit ?? defaults.MultipartHeadersLengthLimit,
            MultipartBodyLengthLimit = form?.MultipartBodyLengthLimit ?? bodyOrDefault,
        };
        return new RequestLimit(maxBody, formOptions, kind);
    }
}

public static class RequestLimits
{
    /// <summary>The options, the per-endpoint policy, and Kestrel's server-wide limits tightened from its defaults.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section);
        services.AddSingleton<RequestLimitsPolicy>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, options) =>
        {
            var settings = options.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(Math.Max(1, settings.RequestHeadersTimeoutSeconds));
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(1, settings.KeepAliveTimeoutSeconds));
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        return services;
    }
}
