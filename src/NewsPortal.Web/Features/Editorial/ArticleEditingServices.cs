namespace NewsPortal.Web.Features.Editorial;

public static class ArticleEditingServices
{
    /// <summary>The article editor: list, form, save and the rules a save applies.</summary>
    public static IServiceCollection AddArticleEditing(this IServiceCollection services)
    {
        services.AddScoped<ArticleListService>();
        services.AddScoped<ArticleFormService>();
        services.AddScoped<ArticleSaveService>();
        services.AddScoped<ArticleValidation>();
        services.AddScoped<ArticleSlugs>();
        services.AddScoped<ArticleTranslations>();
        services.AddScoped<ArticleTags>();
        return services;
    }
}
