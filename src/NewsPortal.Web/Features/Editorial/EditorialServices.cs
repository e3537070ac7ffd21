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
        services.AddScoped<DashboardService>();
        services.AddScoped<AuditLogQueries>();
        services.AddScoped<RelatedCurationService>();
        services.AddScoped<ScheduledPublisher>();
        services.AddHostedService<ScheduledPublishingService>();
        return services;
    }
}
