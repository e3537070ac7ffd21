using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Areas.Admin.Models;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Web.Areas.Admin.Controllers;

[Route("admin/users")]
[Authorize(Policy = Policies.Administrator)]
public class UsersController(UserAdministration accounts) : AdminController
{
    private const string NewPasswordKey = "NewPassword";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new UsersPage(await accounts.ListAsync(cancellationToken), TempData[NewPasswordKey] as string));

    [HttpGet("new")]
    public IActionResult New() => View(new UserEditModel());

    [HttpPost("new")]
    public async Task<IActionResult> Create(UserEditModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await accounts.ExistsAsync(form.Email))
        {
            ModelState.AddModelError(nameof(form.Email), "A user with this email already exists; reset their password from the list instead.");
        }
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(form.Email, form.Role, form.Password, form.DisplayName, await EditorAsync(cancellationToken), cancellationToken);
            if (result.Error is null)
            {
                return Done(result);
            }
            ModelState.AddModelError("", result.Error);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("New", form);
    }

    [HttpPost("{userId}/role")]
    public async Task<IActionResult> SetRole(string userId, string? role, CancellationToken cancellationToken) =>
        Done(await accounts.SetRoleAsync(userId, role, await EditorAsync(cancellationToken), cancellationToken));

    [HttpPost("{userId}/lock")]
    public async Task<IActionResult> Lock(string userId, CancellationToken cancellationToken) =>
        Done(await accounts.LockAsync(userId, await EditorAsync(cancellationToken), cancellationToken));

    [HttpPost("{userId}/unlock")]
    public async Task<IActionResult> Unlock(string userId, CancellationToken cancellationToken) =>
        Done(await accounts.UnlockAsync(userId, await EditorAsync(cancellationToken), cancellationToken));

    [HttpPost("{userId}/reset-password")]
    public async Task<IActionResult> ResetPassword(string userId, CancellationToken cancellationToken) =>
        Done(await accounts.ResetPasswordAsync(userId, await EditorAsync(cancellationToken), cancellationToken));

    private IActionResult Done(UserChangeResult result)
    {
        if (!result.Found)
        {
            return NotFound();
        }
        if (result.Error is not null)
        {
            FlashError(result.Error);
        }
        if (result.Secret is not null)
        {
            TempData[NewPasswordKey] = result.Secret;
        }
        if (result.Message is not null)
        {
            Flash(result.Message);
        }
        return Redirect("/admin/users");
    }
}
