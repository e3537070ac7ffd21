namespace NewsPortal.Web.Features.DemoContent;

/// <summary>The <c>Seed</c> section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load the demo newsroom into an empty database.</summary>
    public bool DemoContent { get; set; } = true;
}

public static class DemoContentServices
{
    /// <summary>The demo newsroom loaded into an empty database on first run.</summary>
    public static IServiceCollection AddDemoContent(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddScoped<DemoContentSeeder>();
        services.AddScoped<DemoImages>();
        return services;
    }
}
