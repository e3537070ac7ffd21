using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Accounts;

public static class AccountsServices
{
    /// <summary>Identity with the newsroom's roles and password rules, the sign-in cookie, the admin policies and the first admin.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<NewsPortalDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.Name = AuthCookie.Name;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                // A signed-in user without the right role gets a plain 403 (the site's error page), not a redirect.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Admin, Roles.Editor, Roles.Author))
            .AddPolicy(Policies.Publisher, policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Admin));

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddScoped<IdentityBootstrapper>();
        services.AddScoped<UserAdministration>();
        services.AddHostedService<IdentityBootstrapService>();
        return services;
    }
}
