using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

/// <summary>
/// Authors, sections, tags and sources share their pages: a list, a new and an edit form, and a save that
/// redisplays the form with its errors. Each subclass sets its route prefix and says how its rows are read and saved.
/// </summary>
[Authorize(Policy = Policies.Publisher)]
public abstract class CatalogController<TForm> : AdminController
    where TForm : class, ICatalogEditModel, new()
{
    /// <summary>The list's address, e.g. "/admin/authors"; forms post below it and saves return to it.</summary>
    protected abstract string BasePath { get; }

    protected abstract string Title { get; }

    /// <summary>Lowercase, e.g. "author".</summary>
    protected abstract string Singular { get; }

    protected virtual bool CanDelete => false;

    protected abstract Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken);

    protected abstract Task<TForm?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>Null id and no errors: the row to edit no longer exists.</summary>
    protected abstract Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(TForm form, Editor editor, CancellationToken cancellationToken);

    protected virtual string SavedMessage(TForm form) => $"{char.ToUpperInvariant(Singular[0])}{Singular[1..]} saved.";

    protected virtual Task<CatalogEditPage<TForm>> EditPageAsync(TForm form, CancellationToken cancellationToken) =>
        Task.FromResult(new CatalogEditPage<TForm> { Form = form, BasePath = BasePath });

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("CatalogList", new CatalogListPage(Title, BasePath, Singular, await ListAsync(cancellationToken), CanDelete));

    [HttpGet("new")]
    public Task<IActionResult> New(CancellationToken cancellationToken) => EditViewAsync(new TForm(), cancellationToken);

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) is { } form ? await EditViewAsync(form, cancellationToken) : NotFound();

    [HttpPost("new")]
    public Task<IActionResult> Create([Bind(Prefix = "Form")] TForm form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return SaveOrRedisplayAsync(form, cancellationToken);
    }

    [HttpPost("{id:int}/edit")]
    public Task<IActionResult> Update(int id, [Bind(Prefix = "Form")] TForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return SaveOrRedisplayAsync(form, cancellationToken);
    }

    private async Task<IActionResult> SaveOrRedisplayAsync(TForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (id, errors) = await SaveAsync(form, await EditorAsync(cancellationToken), cancellationToken);
            if (id is null && errors.Count == 0)
            {
                return NotFound();
            }
            if (errors.Count == 0)
            {
                Flash(SavedMessage(form));
                return Redirect(BasePath);
            }
            AddErrors(errors.ToDictionary(e => "Form." + e.Key, e => e.Value));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await EditViewAsync(form, cancellationToken);
    }

    private async Task<IActionResult> EditViewAsync(TForm form, CancellationToken cancellationToken) =>
        View("Edit", await EditPageAsync(form, cancellationToken));
}
