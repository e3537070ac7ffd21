using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Mvc;

namespace NewsPortal.Web.Areas.Admin.Controllers;

/// <summary>The media library: upload, search, details and focal point, replace, delete. Authors change only their own uploads.</summary>
[Route("admin/media")]
public class MediaController(MediaLibrary library, MediaUploads uploads, IOptions<MediaOptions> options) : AdminController
{
    private const int MaxFiles = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? page, CancellationToken cancellationToken)
    {
        if (!TryReadId(page, out var number))
        {
            return BadRequest();
        }
        var list = await library.ListAsync(q, number ?? 1, await EditorAsync(cancellationToken), withAltOnly: false, cancellationToken);
        return View(new MediaIndexPage { List = list, MaxUploadBytes = options.Value.MaxUploadBytes });
    }

    /// <summary>
    /// The article editor's picker, fetched by admin-media-picker.js: images with alt text can be used; the others are
    /// listed with "add alt text first" and a link to their page, so a new upload does not seem to be missing.
    /// </summary>
    [HttpGet("picker")]
    public async Task<IActionResult> Picker(string? q, CancellationToken cancellationToken)
    {
        var list = await library.ListAsync(q, 1, await EditorAsync(cancellationToken), withAltOnly: false, cancellationToken);
        return PartialView("_Picker", new MediaPickerPage { List = list });
    }

    [HttpPost("upload")]
    [MediaUpload(MaxFiles)]
    public async Task<IActionResult> Upload(List<IFormFile> files, MediaDetailsForm details, CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(cancellationToken);
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (files.Count == 0 || files.Count > MaxFiles)
        {
            var message = files.Count == 0 ? "Choose at least one image to upload." : $"Upload at most {MaxFiles} images at a time.";
            return wantsJson ? BadRequest(new { error = message }) : await RefusedAsync([UploadResult.Refused("", message)], cancellationToken);
        }
        var results = new List<UploadResult>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            results.Add(await uploads.UploadAsync(file.FileName, stream, details, editor, cancellationToken));
        }
        var stored = results.Where(r => r.Id is not null).ToList();
        var refused = results.Where(r => r.Id is null).ToList();
        if (wantsJson)
        {
            if (stored.Count == 0)
            {
                return BadRequest(new { error = refused[0].Error });
            }
            var item = await library.GetAsync(stored[0].Id!.Value, editor, cancellationToken);
            return Json(new { id = item!.Id, url = item.Url, alt = item.AltText, caption = item.Caption, credit = item.Credit });
        }
        if (refused.Count > 0)
        {
            if (stored.Count > 0)
            {
                ViewData["Stored"] = $"Uploaded {stored.Count} of {results.Count} images.";
            }
            return await RefusedAsync(refused, cancellationToken);
        }
        if (stored.Count == 1)
        {
            Flash(string.IsNullOrEmpty(details.AltText) ? "Image uploaded. Describe it (alt text) before using it." : "Image uploaded.");
            return Redirect($"/admin/media/{stored[0].Id}");
        }
        Flash($"Uploaded {stored.Count} images. Give each its alt text before using it.");
        return Redirect("/admin/media");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var item = await library.GetAsync(id, await EditorAsync(cancellationToken), cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        var form = new MediaDetailsForm { AltText = item.AltText, Caption = item.Caption, Credit = item.Credit, FocalX = Math.Round(item.FocalX, 1), FocalY = Math.Round(item.FocalY, 1) };
        return View(new MediaEditPage { Item = item, Form = form, Uses = await library.UsesAsync(id, cancellationToken) });
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] MediaDetailsForm form, CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(cancellationToken);
        if (!ModelState.IsValid || form.FocalX is < 0 or > 100 || form.FocalY is < 0 or > 100)
        {
            ModelState.AddModelError("Form.FocalX", "The focal point is a percentage from 0 to 100.");
            return await EditPageAsync(id, form, null, cancellationToken);
        }
        var result = await library.UpdateDetailsAsync(id, form, editor, cancellationToken);
        if (result != AccessResult.Allowed)
        {
            return Denied(result);
        }
        Flash("Image details saved.");
        return Redirect($"/admin/media/{id}");
    }

    [HttpPost("{id:int}/replace")]
    [MediaUpload]
    public async Task<IActionResult> Replace(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(cancellationToken);
        var item = await library.GetAsync(id, editor, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        if (!item.CanChange)
        {
            return Forbid();
        }
        if (file is null)
        {
            return await EditPageAsync(id, null, "Choose the new image file.", cancellationToken);
        }
        await using var stream = file.OpenReadStream();
        var result = await uploads.ReplaceAsync(id, file.FileName, stream, editor, cancellationToken);
        if (result.Error is not null)
        {
            return await EditPageAsync(id, null, result.Error, cancellationToken);
        }
        Flash("Image replaced; articles using it show the new one.");
        return Redirect($"/admin/media/{id}");
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var item = await library.GetAsync(id, await EditorAsync(cancellationToken), cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        return item.CanChange ? View(new MediaDeletePage { Item = item, Uses = await library.UsesAsync(id, cancellationToken) }) : Forbid();
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var result = await library.DeleteAsync(id, await EditorAsync(cancellationToken), cancellationToken);
        if (result != AccessResult.Allowed)
        {
            return Denied(result);
        }
        Flash("Image deleted.");
        return Redirect("/admin/media");
    }

    private async Task<IActionResult> RefusedAsync(List<UploadResult> refused, CancellationToken cancellationToken)
    {
        var list = await library.ListAsync(null, 1, await EditorAsync(cancellationToken), withAltOnly: false, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new MediaIndexPage { List = list, Refused = refused, MaxUploadBytes = options.Value.MaxUploadBytes });
    }

    private async Task<IActionResult> EditPageAsync(int id, MediaDetailsForm? form, string? replaceError, CancellationToken cancellationToken)
    {
        var item = await library.GetAsync(id, await EditorAsync(cancellationToken), cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        form ??= new MediaDetailsForm { AltText = item.AltText, Caption = item.Caption, Credit = item.Credit, FocalX = item.FocalX, FocalY = item.FocalY };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", new MediaEditPage { Item = item, Form = form, Uses = await library.UsesAsync(id, cancellationToken), ReplaceError = replaceError });
    }
}
