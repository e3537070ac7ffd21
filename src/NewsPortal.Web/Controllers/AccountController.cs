using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Controllers;

public sealed class LoginModel
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256, ErrorMessage = "The password is too long.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

[AllowAnonymous]
public class AccountController(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, ILogger<AccountController> logger) : Controller
{
    [HttpGet("/account/login")]
    public IActionResult Login(string? returnUrl)
    {
        Response.Headers.CacheControl = "no-store";
        return View(new LoginModel { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("/account/login")]
    public async Task<IActionResult> Login(LoginModel model)
    {
        Response.Headers.CacheControl = "no-store";
        model.ReturnUrl = LocalOrNull(model.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var user = await users.FindByEmailAsync(model.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", "The email or password is incorrect.");
            return View(model);
        }
        var result = await signIn.PasswordSignInAsync(user, model.Password, model.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(model.ReturnUrl ?? "/admin");
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes. Try again later or ask an administrator.");
            return View(model);
        }
        ModelState.AddModelError("", result.IsNotAllowed ? "This account may not sign in yet." : "The email or password is incorrect.");
        return View(model);
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
