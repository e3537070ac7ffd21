using Microsoft.AspNetCore.DataProtection;
using NewsPortal.Web.Features.Articles;
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
        builder.AddNewsPortalIdentity();
        builder.AddNewsPortalDiscovery();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMarkdownRenderer, MarkdownRenderer>();
        services.AddSingleton<ArticleContentService>();
        services.AddScoped<ReaderArticleService>();
        services.AddScoped<RelatedLinkService>();
        services.AddScoped<ArticleChangePublisher>();
        services.AddMemoryCache();

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

        app.MapNewsPortalHealthChecks();
        app.MapStaticAssets();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Dashboard}/{action=Index}/{id?}");
        app.MapControllers();
        return app;
    }
}
