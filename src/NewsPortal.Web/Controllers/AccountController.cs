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

[AllowAnonymous]
public class AccountController(SignInManager<ApplicationUser> signIn, PasswordSignIn passwordSignIn) : Controller
{
    [HttpGet("/account/login")]
    public IActionResult Login(string? returnUrl)
    {
        Response.Headers.CacheControl = "no-store";
        return View(new LoginModel { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("/account/login")]
    [EnableRateLimiting(SignInThrottle.PolicyName)]
    public async Task<IActionResult> Login(LoginModel model)
    {
        Response.Headers.CacheControl = "no-store";
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

    [HttpGet("/account/logout")]
    public IActionResult Logout() => View();

    [HttpPost("/account/logout")]
    public async Task<IActionResult> LogoutConfirmed()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && url.Length <= 2000 && Url.IsLocalUrl(url) ? url : null;
}
