using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Features.Accounts;

public enum PasswordChangeOutcome
{
    /// <summary>Changed: every other session of the user ends on its next request, this browser holds a fresh cookie.</summary>
    Changed,

    /// <summary>The current password was wrong (counted like a wrong sign-in password from this address).</summary>
    WrongCurrentPassword,

    /// <summary>The new password breaks a rule; <see cref="PasswordChangeResult.Errors"/> says which.</summary>
    Refused,

    /// <summary>Too many wrong current passwords from this address lately: wait <see cref="PasswordChangeResult.RetryAfter"/>.</summary>
    TooManyAttempts,

    /// <summary>The signed-in user no longer exists.</summary>
    NoUser,
}

public sealed record PasswordChangeResult(PasswordChangeOutcome Outcome, IReadOnlyList<string> Errors, TimeSpan RetryAfter = default);

/// <summary>
/// A signed-in user changes their own password: the current one is checked (wrong ones count against the same
/// per-account-and-address budget as sign-in, <see cref="SignInThrottle"/>), the new one passes Identity's validators
/// (length, classes, <see cref="CommonPasswordValidator"/>), the security stamp is renewed, this browser is signed in
/// again, and the change is audited.
/// </summary>
public sealed class PasswordChange(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    SignInThrottle throttle,
    DummyPasswordHash dummy,
    EditorialAccess access,
    AuditLog audit,
    NewsPortalDbContext db,
    ILogger<PasswordChange> logger)
{
    public const string AuditAction = "Changed own password";

    public async Task<PasswordChangeResult> ChangeAsync(HttpContext context, ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.NoUser, []);
        }
        var account = user.NormalizedEmail ?? users.NormalizeEmail(user.Email) ?? user.Id;
        var client = ClientAddress.Of(context);
        if (await throttle.IsBlockedAsync(account, client, cancellationToken))
        {
            // The same work as a real check, so the answer's timing says nothing about the guess.
            dummy.Verify(currentPassword);
            return new PasswordChangeResult(PasswordChangeOutcome.TooManyAttempts, [], throttle.FailureBlock);
        }
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Refused, ["The new password must differ from the current one."]);
        }

        // Checks the current password, validates the new one, and renews the security stamp, in one save.
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await throttle.RecordFailureAsync(account, client, cancellationToken);
                logger.LogInformation("User {UserId} gave a wrong current password when changing it", user.Id);
                return new PasswordChangeResult(PasswordChangeOutcome.WrongCurrentPassword, []);
            }
            return new PasswordChangeResult(PasswordChangeOutcome.Refused, result.Errors.Select(e => e.Description).Distinct().ToList());
        }

        await throttle.ClearAsync(account, client, cancellationToken);
        // A fresh cookie carrying the new stamp; every other cookie of this user fails EveryRequestStampValidator.
        await signIn.RefreshSignInAsync(user);
        audit.Add(await access.GetEditorAsync(principal, cancellationToken), AuditAction, "User", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("User {UserId} changed their password; their other sessions end", user.Id);
        return new PasswordChangeResult(PasswordChangeOutcome.Changed, []);
    }
}
