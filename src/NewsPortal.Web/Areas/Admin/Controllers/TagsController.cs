using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/tags")]
public class TagsController(EditorialCatalogService catalog) : CatalogController<TagEditModel>
{
    protected override string BasePath => "/admin/tags";

    protected override string Title => "Tags";

    protected override string Singular => "tag";

    protected override bool CanDelete => true;

    protected override Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken) => catalog.ListTagsAsync(cancellationToken);

    protected override Task<TagEditModel?> GetAsync(int id, CancellationToken cancellationToken) => catalog.GetTagAsync(id, cancellationToken);

    protected override Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(TagEditModel form, Editor editor, CancellationToken cancellationToken) =>
        catalog.SaveTagAsync(form, editor, cancellationToken);

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        if (!await catalog.DeleteTagAsync(id, await EditorAsync(cancellationToken), cancellationToken))
        {
            return NotFound();
        }
        Flash("Tag deleted.");
        return Redirect(BasePath);
    }
}
