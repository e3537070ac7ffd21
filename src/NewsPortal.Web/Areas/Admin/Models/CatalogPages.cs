using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed record CatalogListPage(string Title, string BasePath, string Singular, IReadOnlyList<CatalogRow> Rows, bool CanDelete);

public class CatalogEditPage<T>
{
    public required T Form { get; init; }
    public required string BasePath { get; init; }
    public IReadOnlyList<Option> Users { get; init; } = [];
}
