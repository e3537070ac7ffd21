using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Authorize(Policy = Policies.Administrator)]
public class AuditController(AuditLogQueries auditLog) : AdminController
{
    [HttpGet("/admin/audit")]
    public async Task<IActionResult> Index(string? page, string? user,
        // "action" is also MVC's route value (the action name), which binding would otherwise prefer to the query.
        [FromQuery(Name = "action")] string? actionFilter, CancellationToken cancellationToken)
    {
        if (!TryReadId(page, out var pageNumber) || user is { Length: > 256 } || actionFilter is { Length: > 100 })
        {
            return BadRequest();
        }
        var current = pageNumber ?? 1;
        var log = await auditLog.GetPageAsync(current, user, actionFilter, cancellationToken);
        return View(new AuditPage(log.Entries, current, log.TotalPages, user, actionFilter));
    }
}
