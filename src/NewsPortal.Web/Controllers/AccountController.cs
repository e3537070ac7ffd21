using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Web.Controllers;

public sealed class LoginModel
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(CommonPasswordValidator.MaxLength, ErrorMessage = "The password is too long: passwords have at most 128 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>The staff member's own password: the current one, the new one twice. Passwords are never sent back to the form.</summary>
public sealed class PasswordModel
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(CommonPasswordValidator.MaxLength, ErrorMessage = "The current password is too long: passwords have at most 128 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(CommonPasswordValidator.MaxLength, ErrorMessage = "The new password is too long: passwords have at most 128 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}

// Cache-Control for /account/** is set by SecurityHeaders as the response starts; setting it here too, before the
// view's antiforgery token, made antiforgery log a warning on every sign-in page ("headers have been overridden").
public class AccountController(SignInManager<ApplicationUser> signIn, PasswordSignIn passwordSignIn, PasswordChange passwordChange) : Controller
{
    [AllowAnonymous]
    [HttpGet("/account/login")]
    public IActionResult Login(string? returnUrl) => View(new LoginModel { ReturnUrl = LocalOrNull(returnUrl) });

    [AllowAnonymous]
    [HttpPost("/account/login")]
    [EnableRateLimiting(SignInThrottle.PolicyName)]
    public async Task<IActionResult> Login(LoginModel model)
    {
        model.ReturnUrl = LocalOrNull(model.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var attempt = await passwordSignIn.SignInAsync(HttpContext, model.Email, model.Password, model.RememberMe);
        switch (attempt.Outcome)
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(model.ReturnUrl ?? "/admin");
            case SignInOutcome.TooManyAttempts:
                // No body: the status-code page shows the site's "too many attempts" page.
                SignInThrottle.Reject(HttpContext, attempt.RetryAfter);
                return StatusCode(StatusCodes.Status429TooManyRequests);
            case SignInOutcome.BlockedHere:
                var minutes = (int)Math.Ceiling(attempt.RetryAfter.TotalMinutes);
                ModelState.AddModelError("", $"Too many wrong passwords from this device: wait {minutes} {(minutes == 1 ? "minute" : "minutes")} and try again, or ask an administrator to reset your password.");
                return View(model);
            default:
                ModelState.AddModelError("", "The email or password is incorrect.");
                return View(model);
        }
    }

    [AllowAnonymous]
    [HttpGet("/account/logout")]
    public IActionResult Logout() => View();

    [AllowAnonymous]
    [HttpPost("/account/logout")]
    public async Task<IActionResult> LogoutConfirmed()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [Authorize(Policy = Policies.Staff)]
    [HttpGet("/account/password")]
    public IActionResult Password() => View(new PasswordModel());

    [Authorize(Policy = Policies.Staff)]
    [HttpPost("/account/password")]
    public async Task<IActionResult> Password(PasswordModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await passwordChange.ChangeAsync(HttpContext, User, model.CurrentPassword, model.NewPassword, cancellationToken);
            switch (result.Outcome)
            {
                case PasswordChangeOutcome.Changed:
                    TempData["Flash"] = "Your password is changed. Every other device you were signed in on is signed out.";
                    return LocalRedirect("/account/password");
                case PasswordChangeOutcome.NoUser:
                    await signIn.SignOutAsync();
                    return LocalRedirect("/account/login");
                case PasswordChangeOutcome.WrongCurrentPassword:
                    ModelState.AddModelError(nameof(model.CurrentPassword), "The current password is incorrect.");
                    break;
                case PasswordChangeOutcome.TooManyAttempts:
                    var minutes = (int)Math.Ceiling(result.RetryAfter.TotalMinutes);
                    SignInThrottle.Reject(HttpContext, result.RetryAfter);
                    ModelState.AddModelError("", $"Too many wrong passwords from this device: wait {minutes} {(minutes == 1 ? "minute" : "minutes")} and try again.");
                    break;
                default:
                    foreach (var error in result.Errors)
                    {
                        ModelState.AddModelError(nameof(model.NewPassword), error);
                    }
                    break;
            }
        }
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        // Typed passwords never travel back: the form comes back empty, with the messages.
        return View(new PasswordModel());
    }

    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && url.Length <= 2000 && Url.IsLocalUrl(url) ? url : null;
}
