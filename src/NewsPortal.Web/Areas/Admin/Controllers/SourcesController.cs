using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/sources")]
public class SourcesController(EditorialCatalogService catalog, ArticleFormService articleForms, SourceStatusQueries status, FeedIngester ingester)
    : CatalogController<SourceEditModel>
{
    protected override string BasePath => "/admin/sources";

    protected override string Title => "Sources";

    protected override string Singular => "source";

    protected override Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken) => catalog.ListSourcesAsync(cancellationToken);

    protected override Task<SourceEditModel?> GetAsync(int id, CancellationToken cancellationToken) => catalog.GetSourceAsync(id, cancellationToken);

    protected override Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(SourceEditModel form, Editor editor, CancellationToken cancellationToken) =>
        catalog.SaveSourceAsync(form, editor, cancellationToken);

    /// <summary>The feed's section and author choices, and its poll status once the source exists.</summary>
    protected override async Task<CatalogEditPage<SourceEditModel>> EditPageAsync(SourceEditModel form, CancellationToken cancellationToken)
    {
        var options = await articleForms.GetOptionsAsync(cancellationToken);
        return new SourceEditPage
        {
            Form = form,
            BasePath = BasePath,
            Sections = options.Sections,
            Authors = options.Authors,
            Status = form.Id is { } id ? await status.GetAsync(id, cancellationToken) : null,
        };
    }

    /// <summary>Polls the source's feed now, whatever its schedule, and says what came of it.</summary>
    [HttpPost("{id:int}/poll")]
    public async Task<IActionResult> Poll(int id, CancellationToken cancellationToken)
    {
        var outcome = await ingester.PollAsync(id, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }
        if (outcome.Succeeded)
        {
            Flash(outcome.Describe());
        }
        else
        {
            FlashError(outcome.Describe());
        }
        return Redirect($"{BasePath}/{id}/edit");
    }
}
