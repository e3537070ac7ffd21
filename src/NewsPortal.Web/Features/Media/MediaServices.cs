using System.Data.Common;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Media;

public static class MediaServices
{
    /// <summary>The media library: uploads checked by content, stored under server names, served as cached renditions.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration("Media")
            .PostConfigure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
                options.Root = ResolveRoot(options.Root, configuration, environment.ContentRootPath));
        services.AddSingleton<MediaStorage>();
        services.AddSingleton<RenditionStats>();
        services.AddSingleton<RenditionGate>(sp => new RenditionGate(sp.GetRequiredService<IOptions<MediaOptions>>().Value.ResizeSlots));
        services.AddSingleton<MediaRenditions>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaUploads>();
        services.AddScoped<LibraryImages>();
        return services;
    }

    /// <summary>The configured root, or <c>media</c> in the folder of the SQLite database; relative paths start at the content root.</summary>
    internal static string ResolveRoot(string? configured, IConfiguration configuration, string contentRoot)
    {
        var root = configured;
        if (string.IsNullOrWhiteSpace(root))
        {
            var connection = new DbConnectionStringBuilder { ConnectionString = configuration.GetConnectionString("Default") ?? "" };
            var dataSource = connection.TryGetValue("Data Source", out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
            root = Path.Combine(Path.GetDirectoryName(dataSource) is { Length: > 0 } folder ? folder : "App_Data", "media");
        }
        return Path.GetFullPath(Path.Combine(contentRoot, root));
    }
}
