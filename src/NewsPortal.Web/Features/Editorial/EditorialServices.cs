namespace NewsPortal.Web.Features.Editorial;

public static class EditorialServices
{
    /// <summary>The newsroom's editing workflow: articles, revisions, previews, catalog, audit log and scheduled publishing.</summary>
    public static IServiceCollection AddEditorial(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<EditorialAccess>();
        services.AddArticleEditing();
        services.AddScoped<ArticleWorkflowService>();
        services.AddScoped<PreviewLinkService>();
        services.AddScoped<EditorialCatalogService>();
        services.AddScoped<ScheduledPublisher>();
        services.AddHostedService<ScheduledPublishingService>();
        return services;
    }
}
