using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Features.Imports;

public static class ImportsServices
{
    /// <summary>Moving in: the WordPress, Ghost and Markdown-folder formats of the <c>import</c> command, and old permalinks' lookup.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddOptions<ImportsOptions>().BindConfiguration("Imports");
        services.AddScoped<ImportWriter>();
        services.AddScoped<LegacyPermalinkLookup>();
        services.AddScoped<IImportFormat, WordPressImportFormat>();
        services.AddScoped<IImportFormat, GhostImportFormat>();
        services.AddScoped<IImportFormat, MarkdownFolderImportFormat>();
        return services;
    }
}
