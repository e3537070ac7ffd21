using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int TotalPages, string? User, string? Action);
