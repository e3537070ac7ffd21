namespace NewsPortal.Web.Features.DemoContent;

public static class DemoContentServices
{
    /// <summary>The demo newsroom loaded into an empty database on first run.</summary>
    public static IServiceCollection AddDemoContent(this IServiceCollection services)
    {
        services.AddScoped<DemoContentSeeder>();
        return services;
    }
}
