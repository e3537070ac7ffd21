using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public sealed record CatalogListPage(string Title, string BasePath, string Singular, IReadOnlyList<CatalogRow> Rows, bool CanDelete);

public sealed class CatalogEditPage<T>
{
    public required T Form { get; init; }
    public required string BasePath { get; init; }
    public IReadOnlyList<Option> Users { get; init; } = [];
}

/// <summary>Authors, sections, tags and sources: editors and admins keep these lists.</summary>
[Authorize(Policy = Policies.Publisher)]
public class CatalogController(EditorialCatalogService catalog) : AdminController
{
    [HttpGet("/admin/authors")]
    public async Task<IActionResult> Authors(CancellationToken cancellationToken) =>
        View("List", new CatalogListPage("Authors", "/admin/authors", "author", await catalog.ListAuthorsAsync(cancellationToken), false));

    [HttpGet("/admin/sections")]
    public async Task<IActionResult> Sections(CancellationToken cancellationToken) =>
        View("List", new CatalogListPage("Sections", "/admin/sections", "section", await catalog.ListSectionsAsync(cancellationToken), false));

    [HttpGet("/admin/tags")]
    public async Task<IActionResult> Tags(CancellationToken cancellationToken) =>
        View("List", new CatalogListPage("Tags", "/admin/tags", "tag", await catalog.ListTagsAsync(cancellationToken), true));

    [HttpGet("/admin/sources")]
    public async Task<IActionResult> Sources(CancellationToken cancellationToken) =>
        View("List", new CatalogListPage("Sources", "/admin/sources", "source", await catalog.ListSourcesAsync(cancellationToken), false));

    [HttpGet("/admin/authors/new")]
    public async Task<IActionResult> NewAuthor(CancellationToken cancellationToken) => await AuthorView(new AuthorEditModel(), cancellationToken);

    [HttpGet("/admin/authors/{id:int}/edit")]
    public async Task<IActionResult> EditAuthor(int id, CancellationToken cancellationToken) =>
        await catalog.GetAuthorAsync(id, cancellationToken) is { } model ? await AuthorView(model, cancellationToken) : NotFound();

    [HttpPost("/admin/authors/new")]
    public Task<IActionResult> CreateAuthor([Bind(Prefix = "Form")] AuthorEditModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return SaveAuthor(form, cancellationToken);
    }

    [HttpPost("/admin/authors/{id:int}/edit")]
    public Task<IActionResult> UpdateAuthor(int id, [Bind(Prefix = "Form")] AuthorEditModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return SaveAuthor(form, cancellationToken);
    }

    private async Task<IActionResult> SaveAuthor(AuthorEditModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (id, errors) = await catalog.SaveAuthorAsync(form, await EditorAsync(cancellationToken), cancellationToken);
            if (id is null && errors.Count == 0)
            {
                return NotFound();
            }
            if (errors.Count == 0)
            {
                Flash($"Author “{form.Name}” saved.");
                return Redirect("/admin/authors");
            }
            AddErrors(errors.ToDictionary(e => "Form." + e.Key, e => e.Value));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await AuthorView(form, cancellationToken);
    }

    private async Task<IActionResult> AuthorView(AuthorEditModel form, CancellationToken cancellationToken) =>
        View("Author", new CatalogEditPage<AuthorEditModel> { Form = form, BasePath = "/admin/authors", Users = await catalog.ListUsersAsync(cancellationToken) });

    [HttpGet("/admin/sections/new")]
    public IActionResult NewSection() => View("Section", new CatalogEditPage<SectionEditModel> { Form = new SectionEditModel(), BasePath = "/admin/sections" });

    [HttpGet("/admin/sections/{id:int}/edit")]
    public async Task<IActionResult> EditSection(int id, CancellationToken cancellationToken) =>
        await catalog.GetSectionAsync(id, cancellationToken) is { } model
            ? View("Section", new CatalogEditPage<SectionEditModel> { Form = model, BasePath = "/admin/sections" })
            : NotFound();

    [HttpPost("/admin/sections/new")]
    public Task<IActionResult> CreateSection([Bind(Prefix = "Form")] SectionEditModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return Save(form, "Section", "/admin/sections", catalog.SaveSectionAsync, cancellationToken);
    }

    [HttpPost("/admin/sections/{id:int}/edit")]
    public Task<IActionResult> UpdateSection(int id, [Bind(Prefix = "Form")] SectionEditModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return Save(form, "Section", "/admin/sections", catalog.SaveSectionAsync, cancellationToken);
    }

    [HttpGet("/admin/tags/new")]
    public IActionResult NewTag() => View("Tag", new CatalogEditPage<TagEditModel> { Form = new TagEditModel(), BasePath = "/admin/tags" });

    [HttpGet("/admin/tags/{id:int}/edit")]
    public async Task<IActionResult> EditTag(int id, CancellationToken cancellationToken) =>
        await catalog.GetTagAsync(id, cancellationToken) is { } model
            ? View("Tag", new CatalogEditPage<TagEditModel> { Form = model, BasePath = "/admin/tags" })
            : NotFound();

    [HttpPost("/admin/tags/new")]
    public Task<IActionResult> CreateTag([Bind(Prefix = "Form")] TagEditModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return Save(form, "Tag", "/admin/tags", catalog.SaveTagAsync, cancellationToken);
    }

    [HttpPost("/admin/tags/{id:int}/edit")]
    public Task<IActionResult> UpdateTag(int id, [Bind(Prefix = "Form")] TagEditModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return Save(form, "Tag", "/admin/tags", catalog.SaveTagAsync, cancellationToken);
    }

    [HttpPost("/admin/tags/{id:int}/delete")]
    public async Task<IActionResult> DeleteTag(int id, CancellationToken cancellationToken)
    {
        if (!await catalog.DeleteTagAsync(id, await EditorAsync(cancellationToken), cancellationToken))
        {
            return NotFound();
        }
        Flash("Tag deleted.");
        return Redirect("/admin/tags");
    }

    [HttpGet("/admin/sources/new")]
    public IActionResult NewSource() => View("Source", new CatalogEditPage<SourceEditModel> { Form = new SourceEditModel(), BasePath = "/admin/sources" });

    [HttpGet("/admin/sources/{id:int}/edit")]
    public async Task<IActionResult> EditSource(int id, CancellationToken cancellationToken) =>
        await catalog.GetSourceAsync(id, cancellationToken) is { } model
            ? View("Source", new CatalogEditPage<SourceEditModel> { Form = model, BasePath = "/admin/sources" })
            : NotFound();

    [HttpPost("/admin/sources/new")]
    public Task<IActionResult> CreateSource([Bind(Prefix = "Form")] SourceEditModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return Save(form, "Source", "/admin/sources", catalog.SaveSourceAsync, cancellationToken);
    }

    [HttpPost("/admin/sources/{id:int}/edit")]
    public Task<IActionResult> UpdateSource(int id, [Bind(Prefix = "Form")] SourceEditModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return Save(form, "Source", "/admin/sources", catalog.SaveSourceAsync, cancellationToken);
    }

    private async Task<IActionResult> Save<T>(
        T form, string view, string basePath,
        Func<T, Editor, CancellationToken, Task<(int? Id, Dictionary<string, string> Errors)>> save,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (id, errors) = await save(form, await EditorAsync(cancellationToken), cancellationToken);
            if (id is null && errors.Count == 0)
            {
                return NotFound();
            }
            if (errors.Count == 0)
            {
                Flash($"{view} saved.");
                return Redirect(basePath);
            }
            AddErrors(errors.ToDictionary(e => "Form." + e.Key, e => e.Value));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, new CatalogEditPage<T> { Form = form, BasePath = basePath });
    }
}
