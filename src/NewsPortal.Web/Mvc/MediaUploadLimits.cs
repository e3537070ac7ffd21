using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Mvc;

/// <summary>Marks an action that takes image uploads; <see cref="MediaUploadLimits"/> gives it body limits from <see cref="MediaOptions"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MediaUploadAttribute(int maxFiles = 1) : Attribute
{
    public int MaxFiles { get; } = maxFiles;
}

public static class MediaUploadLimits
{
    /// <summary>
    /// Per endpoint: a request may carry <see cref="MediaUploadAttribute.MaxFiles"/> files of <see cref="MediaOptions.MaxUploadBytes"/>;
    /// one file may be up to twice the limit and still get a form message (the upload reads no more than the limit), bigger ones
    /// end in the 413 page. Every other endpoint keeps the server's defaults.
    /// </summary>
    public static TBuilder WithMediaUploadLimits<TBuilder>(this TBuilder builder, IServiceProvider services) where TBuilder : IEndpointConventionBuilder
    {
        var options = services.GetRequiredService<IOptions<MediaOptions>>().Value;
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MediaUploadAttribute>().LastOrDefault() is not { } upload)
            {
                return;
            }
            var perFile = options.MaxUploadBytes * 2;
            endpoint.Metadata.Add(new RequestSizeLimitAttribute(perFile * upload.MaxFiles + 1024 * 1024));
            endpoint.Metadata.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = perFile });
        });
        return builder;
    }
}
