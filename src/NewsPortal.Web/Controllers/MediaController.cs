using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Controllers;

/// <summary>Library images for readers: a resized, re-encoded rendition per <c>w</c>, <c>q</c> and <c>ar</c>.</summary>
public class MediaController(MediaRenditions renditions) : Controller
{
    [HttpGet("/media/{id:int}/{file}")]
    public async Task<IActionResult> Show(int id, string file, CancellationToken cancellationToken)
    {
        var result = await renditions.GetAsync(HttpContext, id, file, cancellationToken);
        return result.Status switch
        {
            RenditionStatus.BadRequest => BadRequest(),
            RenditionStatus.NotFound => NotFound(),
            RenditionStatus.NotModified => StatusCode(StatusCodes.Status304NotModified),
            _ => PhysicalFile(result.Path!, result.ContentType!, lastModified: null, entityTag: EntityTagHeaderValue.Parse(result.ETag!)),
        };
    }
}
