using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/authors")]
public class AuthorsController(EditorialCatalogService catalog) : CatalogController<AuthorEditModel>
{
    protected override string BasePath => "/admin/authors";

    protected override string Title => "Authors";

    protected override string Singular => "author";

    protected override Task<List<CatalogRow>> ListAsync(CancellationToken cancellationToken) => catalog.ListAuthorsAsync(cancellationToken);

    protected override Task<AuthorEditModel?> GetAsync(int id, CancellationToken cancellationToken) => catalog.GetAuthorAsync(id, cancellationToken);

    protected override Task<(int? Id, Dictionary<string, string> Errors)> SaveAsync(AuthorEditModel form, Editor editor, CancellationToken cancellationToken) =>
        catalog.SaveAuthorAsync(form, editor, cancellationToken);

    protected override string SavedMessage(AuthorEditModel form) => $"Author “{form.Name}” saved.";

    /// <summary>An author may be linked to the user account that writes as them.</summary>
    protected override async Task<CatalogEditPage<AuthorEditModel>> EditPageAsync(AuthorEditModel form, CancellationToken cancellationToken) =>
        new() { Form = form, BasePath = BasePath, Users = await catalog.ListUsersAsync(cancellationToken) };
}
