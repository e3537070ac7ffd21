using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Comments;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/articles")]
public class ArticlesController(
    ArticleListService list,
    ArticleFormService forms,
    ArticleSaveService saver,
    ArticleWorkflowService workflow,
    PreviewLinkService previewLinks,
    EditorialAccess access,
    ArticlePageService reader,
    CommentModerationService comments,
    IMarkdownRenderer markdown) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? status, string? section, string? author, string? kind, string? page, CancellationToken cancellationToken)
    {
        if (!TryReadEnum<ArticleStatus>(status, out var statusValue) || !TryReadEnum<ArticleKind>(kind, out var kindValue)
            || !TryReadId(section, out var sectionId) || !TryReadId(author, out var authorId) || !TryReadId(page, out var pageNumber)
            || q is { Length: > 200 })
        {
            return BadRequest();
        }
        var query = new ArticleListQuery(q?.Trim(), statusValue, sectionId, authorId, kindValue, pageNumber ?? 1);
        return View(await list.ListAsync(query, await EditorAsync(cancellationToken), cancellationToken));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var me = await EditorAsync(cancellationToken);
        return View("Edit", await PageAsync(await forms.NewModelAsync(me, cancellationToken), null, null, cancellationToken));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] ArticleEditModel form, CancellationToken cancellationToken)
    {
        form.Id = null;
        return await SaveAsync(form, cancellationToken);
    }

    [HttpGet("{id:int}/edit")]
    [ArticleAccess(ArticleAccessLevel.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await forms.GetEditModelAsync(id, cancellationToken);
        return form is null ? NotFound() : View(await PageAsync(form, null, TempData["PreviewUrl"] as string, cancellationToken));
    }

    [HttpPost("{id:int}/edit")]
    [ArticleAccess(ArticleAccessLevel.Edit)]
    public async Task<IActionResult> Update(int id, [Bind(Prefix = "Form")] ArticleEditModel form, CancellationToken cancellationToken)
    {
        form.Id = id;
        return await SaveAsync(form, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(ArticleEditModel form, CancellationToken cancellationToken)
    {
        var me = await EditorAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Invalid(await PageAsync(form, null, null, cancellationToken));
        }
        var result = await saver.SaveAsync(form, me, cancellationToken);
        if (result.Access != AccessResult.Allowed)
        {
            return Denied(result.Access);
        }
        if (result.Conflict is not null)
        {
            // Keep everything this editor typed; the next save deliberately replaces the other version.
            ModelState.Remove("Form.Version");
            form.Version = result.CurrentVersion!.Value;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Edit", await PageAsync(form, result.Conflict, null, cancellationToken));
        }
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key.Length == 0 ? "" : "Form." + key, message);
            }
            return Invalid(await PageAsync(form, null, null, cancellationToken));
        }
        if (me.CanPublish)
        {
            // The moderation queue's own open/close: it audits and evicts the article page only when the state changes.
            await comments.SetClosedAsync(me, result.ArticleId!.Value, form.CommentsClosed, cancellationToken);
        }
        Flash(form.Id is null ? "Draft created." : "Saved.");
        return Redirect($"/admin/articles/{result.ArticleId}/edit");
    }

    private ViewResult Invalid(ArticleEditPage page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", page);
    }

    private async Task<ArticleEditPage> PageAsync(ArticleEditModel form, ConcurrencyConflict? conflict, string? newPreviewUrl, CancellationToken cancellationToken) => new()
    {
        Form = form,
        Options = await forms.GetOptionsAsync(cancellationToken),
        State = form.Id is { } id ? await forms.GetStateAsync(id, cancellationToken) : null,
        Conflict = conflict,
        CanPublish = (await EditorAsync(cancellationToken)).CanPublish,
        NewPreviewUrl = newPreviewUrl,
    };

    /// <summary>Live preview for the editor: the same Markdown pipeline as the public page.</summary>
    [HttpPost("preview")]
    public IActionResult Preview([FromForm(Name = "Form.BodyMarkdown")] string? body)
    {
        if (body is { Length: > 200_000 })
        {
            return BadRequest();
        }
        return Content(markdown.ToSafeHtml(body ?? ""), "text/html; charset=utf-8");
    }

    /// <summary>The article as readers will see it, for its author and editors.</summary>
    [HttpGet("{id:int}/preview")]
    [ArticleAccess(ArticleAccessLevel.View)]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await reader.BuildArticlePageAsync(id, isPreview: true, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return View("~/Views/Articles/Show.cshtml", page);
    }

    [HttpPost("{id:int}/submit")]
    public Task<IActionResult> Submit(int id, CancellationToken cancellationToken) => Transition(id, WorkflowAction.Submit, null, cancellationToken);

    [HttpPost("{id:int}/publish")]
    [Authorize(Policy = Policies.Publisher)]
    public Task<IActionResult> Publish(int id, CancellationToken cancellationToken) => Transition(id, WorkflowAction.Publish, null, cancellationToken);

    [HttpPost("{id:int}/schedule")]
    [Authorize(Policy = Policies.Publisher)]
    public Task<IActionResult> Schedule(int id, string? publishAt, CancellationToken cancellationToken)
    {
        DateTime? at = DateTime.TryParseExact(publishAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return Transition(id, WorkflowAction.Schedule, at, cancellationToken);
    }

    [HttpPost("{id:int}/unschedule")]
    [Authorize(Policy = Policies.Publisher)]
    public Task<IActionResult> Unschedule(int id, CancellationToken cancellationToken) => Transition(id, WorkflowAction.Unschedule, null, cancellationToken);

    [HttpPost("{id:int}/unpublish")]
    [Authorize(Policy = Policies.Publisher)]
    public Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken) => Transition(id, WorkflowAction.Unpublish, null, cancellationToken);

    private async Task<IActionResult> Transition(int id, WorkflowAction action, DateTime? at, CancellationToken cancellationToken)
    {
        var result = await workflow.ApplyAsync(id, action, at, await EditorAsync(cancellationToken), cancellationToken);
        if (result.Access != AccessResult.Allowed)
        {
            return Denied(result.Access);
        }
        if (result.Error is not null)
        {
            FlashError(result.Error);
        }
        else
        {
            Flash(result.Message!);
        }
        return Redirect(action == WorkflowAction.Submit && !(await EditorAsync(cancellationToken)).CanPublish
            ? "/admin/articles"
            : $"/admin/articles/{id}/edit");
    }

    [HttpPost("{id:int}/preview-links")]
    [ArticleAccess(ArticleAccessLevel.View)]
    public async Task<IActionResult> CreatePreviewLink(int id, string? days, CancellationToken cancellationToken)
    {
        var me = await EditorAsync(cancellationToken);
        var maxDays = PreviewLinkService.MaxDays(me.CanPublish);
        if (!TryReadId(days, out var dayCount) || dayCount is < 1 || dayCount > maxDays)
        {
            FlashError($"A preview link lasts from 1 to {maxDays} days.");
            return Redirect($"/admin/articles/{id}/edit");
        }
        var token = await previewLinks.CreateAsync(id, TimeSpan.FromDays(dayCount ?? 7), me, cancellationToken);
        TempData["PreviewUrl"] = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/preview/{token}";
        Flash("Preview link created. Copy it now: it is shown only once.");
        return Redirect($"/admin/articles/{id}/edit");
    }

    [HttpPost("{id:int}/preview-links/{linkId:int}/revoke")]
    [ArticleAccess(ArticleAccessLevel.View)]
    public async Task<IActionResult> RevokePreviewLink(int id, int linkId, CancellationToken cancellationToken)
    {
        var me = await EditorAsync(cancellationToken);
        if (!await previewLinks.RevokeAsync(id, linkId, me, cancellationToken))
        {
            return NotFound();
        }
        Flash("Preview link revoked.");
        return Redirect($"/admin/articles/{id}/edit");
    }

    [HttpGet("{id:int}/revisions")]
    [ArticleAccess(ArticleAccessLevel.View)]
    public async Task<IActionResult> Revisions(int id, string? from, string? to, CancellationToken cancellationToken)
    {
        var me = await EditorAsync(cancellationToken);
        if (!TryReadId(from, out var fromId) || !TryReadId(to, out var toId))
        {
            return BadRequest();
        }
        var canRestore = await access.CanEditAsync(id, me, cancellationToken) == AccessResult.Allowed;
        var page = await workflow.GetRevisionsAsync(id, fromId, toId, canRestore, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/revisions/{revisionId:int}/restore")]
    public async Task<IActionResult> Restore(int id, int revisionId, CancellationToken cancellationToken)
    {
        var result = await workflow.RestoreAsync(id, revisionId, await EditorAsync(cancellationToken), cancellationToken);
        if (result.Access != AccessResult.Allowed)
        {
            return Denied(result.Access);
        }
        if (result.Error is not null)
        {
            FlashError(result.Error);
        }
        else
        {
            Flash(result.Message!);
        }
        return Redirect($"/admin/articles/{id}/edit");
    }
}
