using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Web.Areas.Admin.Models;

/// <summary>A source's form with the choices its feed needs and, for a saved source, how its feed is doing.</summary>
public sealed class SourceEditPage : CatalogEditPage<SourceEditModel>
{
    public IReadOnlyList<Option> Sections { get; init; } = [];
    public IReadOnlyList<Option> Authors { get; init; } = [];
    public SourceFeedStatus? Status { get; init; }
}
