using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>
/// Checks every signed-in request against the user's row: a changed security stamp (role change, lock,
/// password reset) or a lock signs the cookie out at once, instead of after Identity's 30-minute interval.
/// One primary-key read per staff request; readers carry no cookie and pay nothing.
/// </summary>
public sealed class EveryRequestStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<ApplicationUser> signInManager,
    ILoggerFactory loggerFactory)
    : SecurityStampValidator<ApplicationUser>(options, signInManager, loggerFactory)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = await VerifySecurityStamp(context.Principal);
        if (user is not null && !await SignInManager.UserManager.IsLockedOutAsync(user))
        {
            return;
        }
        Logger.LogInformation("A sign-in cookie of user {UserId} is no longer valid and was signed out",
            context.Principal?.FindFirst(SignInManager.Options.ClaimsIdentity.UserIdClaimType)?.Value);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
