using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed record RelatedPage(int ArticleId, string Headline, RelatedLists Lists, string? Query);
