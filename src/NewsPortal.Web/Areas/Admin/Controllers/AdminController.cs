using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Areas.Admin.Controllers;

/// <summary>Every admin page: signed in, on the newsroom staff, antiforgery on every POST.</summary>
[Area("Admin")]
[Authorize(Policy = Policies.Staff)]
[AutoValidateAntiforgeryToken]
public abstract class AdminController : Controller
{
    private Editor? _editor;

    protected async Task<Editor> EditorAsync(CancellationToken cancellationToken) =>
        _editor ??= await HttpContext.RequestServices.GetRequiredService<EditorialAccess>().GetEditorAsync(User, cancellationToken);

    protected IActionResult Denied(AccessResult access) => access == AccessResult.NotFound ? NotFound() : Forbid();

    protected void Flash(string message) => TempData["Flash"] = message;

    protected void FlashError(string message) => TempData["FlashError"] = message;

    protected void AddErrors(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }
    }

    /// <summary>Reads an optional positive whole number from the query; anything else is a bad request.</summary>
    protected static bool TryReadId(string? raw, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }
        if (!Paging.TryReadNumber(raw, 9, out var parsed))
        {
            return false;
        }
        value = parsed;
        return true;
    }

    protected static bool TryReadEnum<T>(string? raw, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }
        if (!raw.All(char.IsAsciiLetter) || !Enum.TryParse<T>(raw, ignoreCase: true, out var parsed))
        {
            return false;
        }
        value = parsed;
        return true;
    }
}
