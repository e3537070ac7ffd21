using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

public sealed record AuditEntryRow(DateTime At, string UserName, string Action, string EntityType, string? EntityId, string? Details);

public sealed record AuditLogPage(IReadOnlyList<AuditEntryRow> Entries, int TotalPages);

/// <summary>Reading the audit log, newest first, filtered by who and what.</summary>
public sealed class AuditLogQueries(NewsPortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditLogPage> GetPageAsync(int page, string? user, string? action, CancellationToken cancellationToken)
    {
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
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditEntryRow(e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details))
            .ToListAsync(cancellationToken);
        return new AuditLogPage(rows, Paging.PageCount(total, PageSize));
    }
}
