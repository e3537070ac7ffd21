using Microsoft.AspNetCore.Mvc;

namespace NewsPortal.Web.Controllers;

[ApiExplorerSettings(IgnoreApi = true)]
public class ErrorsController : Controller
{
    [Route("/error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show(int code)
    {
        // Only the status-code and exception handlers come here; a direct visit is simply "not found".
        var status = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null
            ? code
            : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        // A 503 is the reader load limit at work, not a fault to report.
        var requestId = status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable ? Features.Site.ErrorPage.RequestIdOf(HttpContext) : null;
        return View("Error", new Features.Site.ErrorPage(status, requestId));
    }
}
