using Microsoft.AspNetCore.Identity;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>Refuses passwords longer than <see cref="MaxLength"/> and the most common passwords that pass the length and character rules.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;

    // From the public lists of leaked passwords, the ones that are 12+ characters with upper, lower and digit
    // (the others already fail Identity's rules). Compared without case.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password1234", "Password12345", "Password123456", "Password123!", "Passw0rd1234", "P@ssw0rd1234", "P@ssword1234",
        "Qwerty123456", "Qwertyuiop12", "Qwertyuiop123", "Qwerty12345!", "Abcdefgh1234", "Abc123456789", "Aa1234567890",
        "Admin1234567", "Administrator1", "Welcome12345", "Welcome123456", "Letmein12345", "Iloveyou1234", "Changeme1234",
        "Password2024", "Password2025", "Password2026", "Summer2024!!", "Newsportal123", "Newsportal1234", "Football1234",
        "Sunshine1234", "Princess1234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is { Length: > MaxLength })
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords must be at most {MaxLength} characters.",
            }));
        }
        if (password is not null && Common.Contains(password.Trim()))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is one of the most common ones and easy to guess; choose another.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
