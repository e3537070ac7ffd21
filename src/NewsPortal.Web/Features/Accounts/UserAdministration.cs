using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Features.Accounts;

public sealed record UserRow(string Id, string Email, string DisplayName, string Roles, bool IsLockedOut);

/// <summary>
/// The outcome of a change on /admin/users: <see cref="Found"/> false means no such user; otherwise an
/// <see cref="Error"/> to show, or a <see cref="Message"/> and perhaps a one-time <see cref="Secret"/> (a new password).
/// </summary>
public sealed record UserChangeResult(bool Found, string? Error = null, string? Message = null, string? Secret = null)
{
    public static readonly UserChangeResult NotFound = new(false);

    public static UserChangeResult Failed(string error) => new(true, Error: error);
}

/// <summary>Who may sign in to the admin area, with which role; every change is audited.</summary>
public sealed class UserAdministration(
    NewsPortalDbContext db,
    UserManager<ApplicationUser> users,
    IdentityBootstrapper bootstrapper,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<UserRow>();
        foreach (var user in all)
        {
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, string.Join(", ", await users.GetRolesAsync(user)),
                user.LockoutEnd is { } end && end > now));
        }
        return rows;
    }

    public async Task<bool> ExistsAsync(string email) => await users.FindByEmailAsync(email.Trim()) is not null;

    /// <summary>Creates a user; an <see cref="UserChangeResult.Error"/> belongs on the form as a whole.</summary>
    public async Task<UserChangeResult> CreateAsync(string email, string role, string? password, string? displayName, Editor editor, CancellationToken cancellationToken)
    {
        var result = await bootstrapper.CreateOrResetAsync(email, role, password, displayName);
        if (!result.Succeeded)
        {
            return UserChangeResult.Failed(result.Message);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        audit.Add(editor, "Created", "User", user?.Id, $"{email} as {role}");
        await db.SaveChangesAsync(cancellationToken);
        var secret = result.GeneratedPassword is null ? null : $"Password for {email}: {result.GeneratedPassword} (shown once)";
        return new UserChangeResult(true, Message: result.Message, Secret: secret);
    }

    public async Task<UserChangeResult> SetRoleAsync(string userId, string? role, Editor me, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.NotFound;
        }
        var roleName = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (roleName is null)
        {
            return UserChangeResult.Failed("Choose a role: Admin, Editor or Author.");
        }
        if (user.Id == me.UserId && roleName != Roles.Admin)
        {
            return UserChangeResult.Failed("You cannot remove your own Admin role; ask another admin.");
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Where(r => r != roleName));
        if (!current.Contains(roleName))
        {
            await users.AddToRoleAsync(user, roleName);
        }
        // Their next request signs them in with the new role.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(me, "Changed role", user, $"{user.Email} → {roleName}", cancellationToken);
        return new UserChangeResult(true, Message: $"{user.Email} is now {roleName}.");
    }

    public async Task<UserChangeResult> LockAsync(string userId, Editor me, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.NotFound;
        }
        if (user.Id == me.UserId)
        {
            return UserChangeResult.Failed("You cannot lock yourself out.");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(me, "Locked", user, user.Email, cancellationToken);
        return new UserChangeResult(true, Message: $"{user.Email} is locked and signed out.");
    }

    public async Task<UserChangeResult> UnlockAsync(string userId, Editor me, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.NotFound;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(me, "Unlocked", user, user.Email, cancellationToken);
        return new UserChangeResult(true, Message: $"{user.Email} can sign in again.");
    }

    /// <summary>Gives the user a generated password, shown once to the admin.</summary>
    public async Task<UserChangeResult> ResetPasswordAsync(string userId, Editor me, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChangeResult.NotFound;
        }
        var roles = await users.GetRolesAsync(user);
        var result = await bootstrapper.CreateOrResetAsync(user.Email!, roles.FirstOrDefault() ?? Roles.Author, null, null);
        if (!result.Succeeded)
        {
            return UserChangeResult.Failed(result.Message);
        }
        await AuditAsync(me, "Reset password", user, user.Email, cancellationToken);
        return new UserChangeResult(true, Secret: $"New password for {user.Email}: {result.GeneratedPassword} (shown once)");
    }

    private async Task AuditAsync(Editor me, string action, ApplicationUser user, string? details, CancellationToken cancellationToken)
    {
        audit.Add(me, action, "User", user.Id, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}
