using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public sealed class UserEditModel
{
    [Required(ErrorMessage = "Enter the email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address is too long.")]
    public string Email { get; set; } = "";

    [StringLength(200, ErrorMessage = "The name is at most 200 characters.")]
    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = Roles.Author;

    [StringLength(256, ErrorMessage = "The password is too long.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password (leave empty to generate one)")]
    public string? Password { get; set; }
}

public sealed record UserRow(string Id, string Email, string DisplayName, string Roles, bool IsLockedOut);

[Route("admin/users")]
[Authorize(Policy = Policies.Administrator)]
public class UsersController(Data.NewsPortalDbContext db, UserManager<ApplicationUser> users, IdentityBootstrapper bootstrapper, AuditLog audit, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<UserRow>();
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, string.Join(", ", await users.GetRolesAsync(user)),
                user.LockoutEnd is { } end && end > now));
        }
        ViewData["NewPassword"] = TempData["NewPassword"];
        return View(rows);
    }

    [HttpGet("new")]
    public IActionResult New() => View(new UserEditModel());

    [HttpPost("new")]
    public async Task<IActionResult> Create(UserEditModel form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await users.FindByEmailAsync(form.Email.Trim()) is not null)
        {
            ModelState.AddModelError(nameof(form.Email), "A user with this email already exists; reset their password from the list instead.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", form);
        }
        var result = await bootstrapper.CreateOrResetAsync(form.Email, form.Role, form.Password, form.DisplayName);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", form);
        }
        var user = await users.FindByEmailAsync(form.Email.Trim());
        audit.Add(await EditorAsync(cancellationToken), "Created", "User", user?.Id, $"{form.Email} as {form.Role}");
        await SaveAuditAsync(cancellationToken);
        if (result.GeneratedPassword is not null)
        {
            TempData["NewPassword"] = $"Password for {form.Email}: {result.GeneratedPassword} (shown once)";
        }
        Flash(result.Message);
        return Redirect("/admin/users");
    }

    [HttpPost("{userId}/role")]
    public async Task<IActionResult> SetRole(string userId, string? role, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }
        var roleName = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (roleName is null)
        {
            FlashError("Choose a role: Admin, Editor or Author.");
            return Redirect("/admin/users");
        }
        var me = await EditorAsync(cancellationToken);
        if (user.Id == me.UserId && roleName != Roles.Admin)
        {
            FlashError("You cannot remove your own Admin role; ask another admin.");
            return Redirect("/admin/users");
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Where(r => r != roleName));
        if (!current.Contains(roleName))
        {
            await users.AddToRoleAsync(user, roleName);
        }
        // Their next request signs them in with the new role.
        await users.UpdateSecurityStampAsync(user);
        audit.Add(me, "Changed role", "User", user.Id, $"{user.Email} → {roleName}");
        await SaveAuditAsync(cancellationToken);
        Flash($"{user.Email} is now {roleName}.");
        return Redirect("/admin/users");
    }

    [HttpPost("{userId}/lock")]
    public async Task<IActionResult> Lock(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }
        var me = await EditorAsync(cancellationToken);
        if (user.Id == me.UserId)
        {
            FlashError("You cannot lock yourself out.");
            return Redirect("/admin/users");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        audit.Add(me, "Locked", "User", user.Id, user.Email);
        await SaveAuditAsync(cancellationToken);
        Flash($"{user.Email} is locked and signed out.");
        return Redirect("/admin/users");
    }

    [HttpPost("{userId}/unlock")]
    public async Task<IActionResult> Unlock(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add(await EditorAsync(cancellationToken), "Unlocked", "User", user.Id, user.Email);
        await SaveAuditAsync(cancellationToken);
        Flash($"{user.Email} can sign in again.");
        return Redirect("/admin/users");
    }

    [HttpPost("{userId}/reset-password")]
    public async Task<IActionResult> ResetPassword(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }
        var roles = await users.GetRolesAsync(user);
        var result = await bootstrapper.CreateOrResetAsync(user.Email!, roles.FirstOrDefault() ?? Roles.Author, null, null);
        if (!result.Succeeded)
        {
            FlashError(result.Message);
            return Redirect("/admin/users");
        }
        audit.Add(await EditorAsync(cancellationToken), "Reset password", "User", user.Id, user.Email);
        await SaveAuditAsync(cancellationToken);
        TempData["NewPassword"] = $"New password for {user.Email}: {result.GeneratedPassword} (shown once)";
        return Redirect("/admin/users");
    }

    private async Task SaveAuditAsync(CancellationToken cancellationToken) => await db.SaveChangesAsync(cancellationToken);
}
