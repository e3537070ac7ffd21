using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

/// <summary>Editor curation of the "Related Articles" sidebar.</summary>
[Route("admin/articles/{id:int}/related")]
[Authorize(Policy = Policies.Publisher)]
public class RelatedController(RelatedCurationService curation) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, string? q, CancellationToken cancellationToken)
    {
        var headline = await curation.GetHeadlineAsync(id, cancellationToken);
        if (headline is null)
        {
            return NotFound();
        }
        if (q is { Length: > 200 })
        {
            return BadRequest();
        }
        return View(new RelatedPage(id, headline, await curation.GetListsAsync(id, q, cancellationToken), q));
    }

    [HttpPost("add")]
    public Task<IActionResult> Add(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Add, relatedId, cancellationToken);

    [HttpPost("remove")]
    public Task<IActionResult> Remove(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Remove, relatedId, cancellationToken);

    [HttpPost("up")]
    public Task<IActionResult> Up(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Up, relatedId, cancellationToken);

    [HttpPost("down")]
    public Task<IActionResult> Down(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Down, relatedId, cancellationToken);

    [HttpPost("exclude")]
    public Task<IActionResult> Exclude(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Exclude, relatedId, cancellationToken);

    [HttpPost("include")]
    public Task<IActionResult> Include(int id, int relatedId, CancellationToken cancellationToken) => Apply(id, RelatedChange.Include, relatedId, cancellationToken);

    private async Task<IActionResult> Apply(int id, RelatedChange change, int relatedId, CancellationToken cancellationToken)
    {
        var result = await curation.ChangeAsync(id, change, ModelState.IsValid ? relatedId : null, await EditorAsync(cancellationToken), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            Flash("Related articles updated.");
        }
        else
        {
            FlashError(result.Error!);
        }
        return Redirect($"/admin/articles/{id}/related");
    }
}
