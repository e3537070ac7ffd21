using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Accounts;

public enum SignInOutcome
{
    /// <summary>Signed in; the cookie is set.</summary>
    SignedIn,

    /// <summary>Unknown email, wrong password or locked account: one answer for all three, so it tells nobody which emails exist.</summary>
    Refused,

    /// <summary>This client address gave too many wrong passwords for this account; other addresses still may sign in.</summary>
    BlockedHere,

    /// <summary>Too many attempts for this account from anywhere: a 429 with <see cref="SignInAttempt.RetryAfter"/>.</summary>
    TooManyAttempts,
}

public sealed record SignInAttempt(SignInOutcome Outcome, TimeSpan RetryAfter = default, string? UserId = null);

/// <summary>
/// Password sign-in that cannot be used to find out which emails exist nor to lock an account: every path verifies one
/// password hash (a fixed dummy hash for unknown emails, the real one for locked accounts), and wrong passwords are counted
/// per account and client address instead of by Identity's account-wide lockout.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    SignInThrottle throttle,
    DummyPasswordHash dummy,
    ILogger<PasswordSignIn> logger)
{
    public async Task<SignInAttempt> SignInAsync(HttpContext context, string email, string password, bool remember)
    {
        email = email.Trim();
        var account = users.NormalizeEmail(email) ?? "";
        var client = ClientAddress.Of(context);
        if (await throttle.TryAcquireAccountAsync(account, context.RequestAborted) is { } retryAfter)
        {
            logger.LogWarning("Sign-in attempts for one account are over the limit; refusing for {RetryAfter}", retryAfter);
            return new SignInAttempt(SignInOutcome.TooManyAttempts, retryAfter);
        }
        if (await throttle.IsBlockedAsync(account, client, context.RequestAborted))
        {
            dummy.Verify(password);
            return new SignInAttempt(SignInOutcome.BlockedHere, throttle.FailureBlock);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            dummy.Verify(password);
            return await FailedAsync(context, account, client, null);
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Same work as a wrong password: the hash is checked, the answer does not depend on it.
            await users.CheckPasswordAsync(user, password);
            logger.LogWarning("Locked user {UserId} tried to sign in", user.Id);
            return await FailedAsync(context, account, client, user.Id);
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            // A fresh session: whoever was signed in on this browser is signed out before the new cookie is issued.
            await signIn.SignOutAsync();
        }
        // Never Identity's lockout: five wrong passwords from anyone would lock the owner out everywhere.
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            return await FailedAsync(context, account, client, user.Id);
        }
        await throttle.ClearAsync(account, client, context.RequestAborted);
        logger.LogInformation("User {UserId} signed in", user.Id);
        return new SignInAttempt(SignInOutcome.SignedIn, UserId: user.Id);
    }

    private async Task<SignInAttempt> FailedAsync(HttpContext context, string account, string client, string? userId)
    {
        await throttle.RecordFailureAsync(account, client, context.RequestAborted);
        if (userId is not null)
        {
            logger.LogInformation("Failed sign-in for user {UserId}", userId);
        }
        return new SignInAttempt(SignInOutcome.Refused, UserId: userId);
    }
}

/// <summary>A hash of a random password made with the app's own hasher settings, verified for unknown emails so they take as long as known ones.</summary>
public sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<ApplicationUser> _hasher = new(options);
    private readonly ApplicationUser _nobody = new();
    private string? _hash;

    public void Verify(string password)
    {
        _hash ??= _hasher.HashPassword(_nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        _hasher.VerifyHashedPassword(_nobody, _hash, password);
    }
}
