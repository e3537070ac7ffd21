using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed record DashboardPage(Editor Editor, DashboardSummary Summary);
