using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Controllers;

public class ListingsController(ListingService articles) : ReaderController
{
    [HttpGet("/sections/{slug}")]
    public async Task<IActionResult> Section(string slug, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        var model = await articles.GetSectionAsync(slug, pageNumber, cancellationToken);
        return model is null ? NotFound() : View("Listing", model);
    }

    [HttpGet("/tags/{slug}")]
    public async Task<IActionResult> Tag(string slug, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        var model = await articles.GetTagAsync(slug, pageNumber, cancellationToken);
        return model is null ? NotFound() : View("Listing", model);
    }

    [HttpGet("/authors/{slug}")]
    public async Task<IActionResult> Author(string slug, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        var model = await articles.GetAuthorAsync(slug, pageNumber, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("/columns")]
    public async Task<IActionResult> Columns(CancellationToken cancellationToken) =>
        View(await articles.GetColumnistsAsync(cancellationToken));
}
