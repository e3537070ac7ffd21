using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Web.Areas.Admin.Models;

/// <param name="NewPassword">A password just generated, shown once.</param>
public sealed record UsersPage(IReadOnlyList<UserRow> Users, string? NewPassword);
