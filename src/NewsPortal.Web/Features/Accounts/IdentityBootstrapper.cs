using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Accounts;

public sealed record UserResult(bool Succeeded, string Message, string? GeneratedPassword = null);

/// <summary>Roles, the first admin, and creating or resetting a user — shared by start-up, the operator command and /admin/users.</summary>
public sealed class IdentityBootstrapper(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AdminOptions> firstAdmin,
    IHostEnvironment environment,
    IOptions<MediaOptions> media,
    NewsPortalDbContext db,
    ILogger<IdentityBootstrapper> logger)
{
    /// <summary>Where a generated first-admin password goes: next to the database, readable only by the portal's own account.</summary>
    public const string PasswordFileName = "first-admin-password.txt";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                IdentityResult result;
                try
                {
                    result = await roles.CreateAsync(new IdentityRole(role));
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    result = IdentityResult.Failed(new IdentityError { Description = e.Message });
                }
                // Another replica starting at the same moment may have created it first: that is success too.
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {Describe(result)}");
                }
            }
        }
    }

    /// <summary>Creates the first admin from Admin:Email/Admin:Password when there are no users at all.</summary>
    public async Task EnsureFirstAdminAsync()
    {
        if (await users.Users.AnyAsync())
        {
            return;
        }
        var email = firstAdmin.Value.Email;
        var password = firstAdmin.Value.Password;
        if (string.IsNullOrWhiteSpace(email))
        {
            if (!environment.IsDevelopment())
            {
                logger.LogWarning("No users exist and Admin:Email is not set: nobody can sign in to /admin. " +
                    "Set Admin:Email and Admin:Password, or run `users add --email … --role Admin`.");
                return;
            }
            email = "admin@localhost";
            password = null;
        }
        var result = await CreateOrResetAsync(email, Roles.Admin, password, "Administrator");
        if (!result.Succeeded)
        {
            // A weak configured password must be visible to the operator, not swallowed.
            logger.LogError("The first admin {Email} was not created: {Reason}", email, result.Message);
            return;
        }
        if (result.GeneratedPassword is null)
        {
            logger.LogInformation("First admin {Email} created", email);
            return;
        }
        // Never through the log: logs are shipped, kept and read by more people than the newsroom's admin.
        var file = PasswordFilePath();
        try
        {
            WriteOwnerOnly(file, $"{email}\n{result.GeneratedPassword}\n");
            logger.LogWarning("First admin {Email} created with a generated one-time password, written to {PasswordFile} (readable only by this account): " +
                "sign in, change it at /account/password, then delete the file", email, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Outside the log pipeline, once, for the operator watching the start.
            Console.Error.WriteLine($"First admin created: {email} with one-time password {result.GeneratedPassword} — change it at /account/password.");
            logger.LogWarning("First admin {Email} created; {PasswordFile} could not be written ({Reason}), so its one-time password was printed once on standard error",
                email, file, e.Message);
        }
    }

    /// <summary>
    /// The folder of the SQLite database (the data volume); on PostgreSQL, which has no file of its own, the folder
    /// that holds the media root (the data volume the replicas share); else App_Data under the content root.
    /// </summary>
    public string PasswordFilePath()
    {
        var connection = new DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() ?? "" };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (connection.TryGetValue(key, out var value) && value is string { Length: > 0 } path && path != ":memory:")
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path, environment.ContentRootPath))!, PasswordFileName);
            }
        }
        if (!string.IsNullOrWhiteSpace(media.Value.Root) && Path.GetDirectoryName(Path.GetFullPath(media.Value.Root, environment.ContentRootPath)) is { Length: > 0 } data)
        {
            return Path.Combine(data, PasswordFileName);
        }
        return Path.Combine(environment.ContentRootPath, "App_Data", PasswordFileName);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to a new file only; an old one keeps its mode unless set again.
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Creates the user, or resets the password and role of an existing one.</summary>
    public async Task<UserResult> CreateOrResetAsync(string email, string role, string? password, string? displayName)
    {
        email = email.Trim();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 256)
        {
            return new UserResult(false, $"'{email}' is not an email address.");
        }
        var roleName = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (roleName is null)
        {
            return new UserResult(false, $"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }
        await EnsureRolesAsync();
        var generated = string.IsNullOrEmpty(password) ? GeneratePassword() : null;
        password = generated ?? password!;

        var passwordErrors = await ValidatePasswordAsync(password);
        if (passwordErrors is not null)
        {
            return new UserResult(false, "The password is too weak: " + passwordErrors);
        }

        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName?.Trim() ?? "" };
            var create = await users.CreateAsync(user, password);
            if (!create.Succeeded)
            {
                return new UserResult(false, Describe(create));
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(displayName))
            {
                user.DisplayName = displayName.Trim();
            }
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                return new UserResult(false, Describe(reset));
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        var current = await users.GetRolesAsync(user);
        var remove = current.Where(r => r != roleName).ToList();
        if (remove.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, remove);
        }
        if (!current.Contains(roleName))
        {
            await users.AddToRoleAsync(user, roleName);
        }
        if (!created)
        {
            // A reset or a new role signs out every cookie the user holds, on its next request.
            await users.UpdateSecurityStampAsync(user);
        }
        return new UserResult(true, $"{(created ? "Created" : "Reset")} {email} as {roleName}.", generated);
    }

    public async Task<string?> ValidatePasswordAsync(string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new ApplicationUser(), password);
            if (!result.Succeeded)
            {
                errors.AddRange(result.Errors.Select(e => e.Description));
            }
        }
        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    public static string GeneratePassword()
    {
        // 18 URL-safe characters plus a guaranteed upper, lower and digit: well over the 12-character rule.
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(14)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');
        return random + "Aa7";
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

/// <summary>Seeds roles and the first admin when the web host starts.</summary>
public sealed class IdentityBootstrapService(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();
        await bootstrapper.EnsureRolesAsync();
        await bootstrapper.EnsureFirstAdminAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
