using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public class DashboardController(DashboardService dashboard) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(cancellationToken);
        return View(new DashboardPage(editor, await dashboard.GetAsync(editor, cancellationToken)));
    }
}
