using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/sections")]
public class SectionsController(EditorialCatalogService catalog) : CatalogController<SectionEditModel>
{
    protected override string BasePath => "/admin/sections";

    protected override string Title => "Sections";

    protected override string Singular => "section";

    protected override Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken) => catalog.ListSectionsAsync(cancellationToken);

    protected override Task<SectionEditModel?> GetAsync(int id, CancellationToken cancellationToken) => catalog.GetSectionAsync(id, cancellationToken);

    protected override Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(SectionEditModel form, Editor editor, CancellationToken cancellationToken) =>
        catalog.SaveSectionAsync(form, editor, cancellationToken);
}
