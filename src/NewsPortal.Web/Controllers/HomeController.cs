using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Controllers;

public class HomeController(ListingService articles) : ReaderController
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        var model = await articles.GetHomeAsync(pageNumber, cancellationToken);
        return model is null ? NotFound() : View(model);
    }
}
