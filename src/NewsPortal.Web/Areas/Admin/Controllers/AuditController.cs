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
    public async Task<IActionResult> Index(string? page, string? user, string? action, CancellationToken cancellationToken)
    {
        if (!TryReadId(page, out var pageNumber) || user is { Length: > 256 } || action is { Length: > 100 })
        {
            return BadRequest();
        }
        var current = pageNumber ?? 1;
        var log = await auditLog.GetPageAsync(current, user, action, cancellationToken);
        return View(new AuditPage(log.Entries, current, log.TotalPages, user, action));
    }
}
