using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Controllers;

public class SearchController(SearchService search) : ReaderController
{
    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery(Name = "q")] string? q, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        return View(await search.SearchAsync(q, pageNumber, cancellationToken));
    }
}
