using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Caching;
using NewsPortal.Web.Features.Comments;
using NewsPortal.Web.Features.DemoContent;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Feeds;
using NewsPortal.Web.Features.Imports;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Replicas;
using NewsPortal.Web.Features.Search;
using NewsPortal.Web.Features.Seo;
using NewsPortal.Web.Features.Sitemaps;
using NewsPortal.Web.Features.Sources;
using NewsPortal.Web.Features.Transfer;
using NewsPortal.Web.Mvc;
using NewsPortal.Web.Operations;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The composition root: every service of the portal is registered from here, each capability by its own AddXxx().</summary>
public static class NewsPortalServices
{
    public static WebApplicationBuilder AddNewsPortal(this WebApplicationBuilder builder)
    {
        builder.AddNewsPortalLogging();
        builder.AddNewsPortalDatabase();
        builder.AddNewsPortalHealthChecks();

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        AddDataProtection(services, configuration);
        services.AddTrustedProxies();
        services.AddRequestLimits();
        services.AddReaderLoad();

        services.AddAccounts();
        services.AddArticles();
        services.AddEditorial();
        services.AddRelated();
        services.AddSearch();
        services.AddDiscovery();
        services.AddSeo();
        services.AddFeeds();
        services.AddSitemaps();
        services.AddPageCaching();
        // After AddPageCaching: with Redis configured it replaces the in-memory output cache store.
        services.AddReplicas(RedisConfigured(configuration));
        services.AddMedia();
        services.AddComments();
        services.AddSources();
        services.AddDemoContent();
        services.AddTransfer();
        services.AddImports();
        services.AddOperatorCommands();
        services.AddNewsPortalMvc();
        if (DatabaseSetup.ProviderOf(configuration) == DatabaseProvider.Postgres)
        {
            // Each capability registers its SQLite implementation; PostgreSQL's replace them here, in one place.
            services.AddPostgresSeams();
        }
        return builder;
    }

    public static WebApplication UseNewsPortal(this WebApplication app)
    {
        // First, so that the log, cookies, HSTS and redirects see the client's address and scheme.
        app.UseForwardedHeaders();
        // Outermost but for that, so a re-executed error page is logged once, as the original request.
        app.UseNewsPortalRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            // Sent on https requests only (the scheme a trusted proxy forwards counts); never for localhost.
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<DatabaseBusyResponses>();
        app.UseSecurityHeaders();
        app.UseMiddleware<HeadRequestsAsGet>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so a body an endpoint refuses anyway is never read.
        app.UseMiddleware<UnreadableRequests>();
        app.UseLegacyPermalinkRedirects();
        app.UseBenchmarkStaticCopy();
        app.UsePageCaching();
        // Inside the output cache: a cached page never waits for a slot.
        app.UseReaderLoadShedding();

        app.MapNewsPortalHealthChecks();
        app.MapStaticAssets();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Dashboard}/{action=Index}/{id?}").WithStaticAssets();
        app.MapControllers().WithStaticAssets().WithMediaUploadLimits(app.Services);
        return app;
    }

    /// <summary><c>Redis:Configuration</c> set: read before the container exists, because it decides what is registered.</summary>
    public static bool RedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisOptions.Section + ":" + nameof(RedisOptions.Configuration)]);

    private static void AddDataProtection(IServiceCollection services, ConfigurationManager configuration)
    {
        if (RedisConfigured(configuration))
        {
            // One key ring in Redis under one application name: a cookie or antiforgery token issued by any replica is
            // valid on every other. A replica keeps its loaded key ring through a Redis outage.
            services.AddDataProtection().SetApplicationName("NewsPortal");
            services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((options, connection) =>
                options.XmlRepository = new RedisXmlRepository(() => connection.Database, connection.InstanceName + "data-protection-keys"));
        }
        else if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            // Keys on a volume keep sign-ins and antiforgery tokens valid across restarts.
            services.AddDataProtection()
                .SetApplicationName("NewsPortal")
                .PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }
    }
}
