using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Seo;

namespace NewsPortal.Web.Features.Accounts;

public static class AccountsServices
{
    /// <summary>Identity with the newsroom's roles and password rules, the sign-in cookie checked on every request, the sign-in limits, the admin policies and the first admin.</summary>
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
                // Only an admin's lock uses Identity's lockout: sign-in never passes lockoutOnFailure (see PasswordSignIn).
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<NewsPortalDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                // Replacing Identity's events object must keep its stamp check; ours runs on every request.
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                // A signed-in user without the right role gets a plain 403 (the site's error page), not a redirect.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });

        // __Host-newsportal.auth (Secure, Path=/, no Domain) when Site:BaseUrl is https; newsportal.auth on plain http.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SiteOptions>>((options, site) => HostCookies.Apply(options.Cookie, HostCookies.PublicSchemeIsHttps(site), AuthCookie.Name));
        foreach (var scheme in new[] { IdentityConstants.ExternalScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.TwoFactorUserIdScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IOptions<SiteOptions>>((options, site) => HostCookies.Apply(options.Cookie, HostCookies.PublicSchemeIsHttps(site), null, options.Cookie.Name ?? scheme));
        }

        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, EveryRequestStampValidator>());

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Admin, Roles.Editor, Roles.Author))
            .AddPolicy(Policies.Publisher, policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Admin));

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddOptions<SignInLimitsOptions>().BindConfiguration(SignInLimitsOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<PasswordChange>();
        // The per-address limit of the sign-in post; UseNewsPortal runs the rate limiter middleware after routing.
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimitPolicy>(SignInThrottle.PolicyName));
        services.AddScoped<IdentityBootstrapper>();
        services.AddScoped<UserAdministration>();
        services.AddHostedService<IdentityBootstrapService>();
        return services;
    }
}
