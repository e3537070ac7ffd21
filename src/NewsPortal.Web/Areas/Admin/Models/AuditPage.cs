using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed record AuditPage(IReadOnlyList<AuditEntryRow> Entries, int Page, int TotalPages, string? User, string? Action);
