using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Data;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Authorize(Policy = Policies.Administrator)]
public class AuditController(NewsPortalDbContext db) : AdminController
{
    private const int PageSize = 50;

    [HttpGet("/admin/audit")]
    public async Task<IActionResult> Index(string? page, string? user, string? action, CancellationToken cancellationToken)
    {
        if (!TryReadId(page, out var pageNumber) || user is { Length: > 256 } || action is { Length: > 100 })
        {
            return BadRequest();
        }
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user))
        {
            entries = entries.Where(e => e.UserName.Contains(user.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            entries = entries.Where(e => e.Action.Contains(action.Trim()));
        }
        var total = await entries.CountAsync(cancellationToken);
        var current = pageNumber ?? 1;
        var list = await entries.OrderByDescending(e => e.Id).Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return View(new AuditPage(list, current, Math.Max(1, (total + PageSize - 1) / PageSize), user, action));
    }
}
