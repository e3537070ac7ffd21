using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/sources")]
public class SourcesController(EditorialCatalogService catalog) : CatalogController<SourceEditModel>
{
    protected override string BasePath => "/admin/sources";

    protected override string Title => "Sources";

    protected override string Singular => "source";

    protected override Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken) => catalog.ListSourcesAsync(cancellationToken);

    protected override Task<SourceEditModel?> GetAsync(int id, CancellationToken cancellationToken) => catalog.GetSourceAsync(id, cancellationToken);

    protected override Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(SourceEditModel form, Editor editor, CancellationToken cancellationToken) =>
        catalog.SaveSourceAsync(form, editor, cancellationToken);
}
