using Microsoft.AspNetCore.DataProtection;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Caching;
using NewsPortal.Web.Features.Generator;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Related;

namespace NewsPortal.Web.Infrastructure;

public static class NewsPortalServices
{
    public static WebApplicationBuilder AddNewsPortal(this WebApplicationBuilder builder)
    {
        builder.AddNewsPortalLogging();
        builder.AddNewsPortalDatabase();
        builder.AddNewsPortalHealthChecks();
        builder.AddNewsPortalPageCaching();
        builder.AddNewsPortalDiscovery();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMarkdownRenderer, MarkdownRenderer>();
        services.AddSingleton<ArticleContentService>();
        services.AddScoped<ReaderArticleService>();
        services.AddSingleton<ListingCounts>();
        services.AddScoped<IArticleChangeHandler, ListingCountsReset>();
        services.AddScoped<RelatedLinkService>();
        services.AddScoped<ArticleChangePublisher>();
        services.AddArticleGenerator();
        services.AddMemoryCache();
        services.AddAuthentication();

        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            // Keys on a volume keep sign-ins and antiforgery tokens valid across restarts.
            services.AddDataProtection()
                .SetApplicationName("NewsPortal")
                .PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        services.AddRouting(options => options.LowercaseUrls = true);
        return builder;
    }

    public static WebApplication UseNewsPortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseNewsPortalRequestLogging();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNewsPortalPageCaching();

        app.MapNewsPortalHealthChecks();
        app.MapStaticAssets();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Dashboard}/{action=Index}/{id?}").WithStaticAssets();
        app.MapControllers().WithStaticAssets();
        return app;
    }
}
