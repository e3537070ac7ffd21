using Microsoft.Extensions.FileProviders;

namespace NewsPortal.Web.Infrastructure;

/// <summary>bench/run.sh only: a plain static copy of a page, served by the same pipeline, is the machine's ceiling.</summary>
public static class BenchmarkStaticCopy
{
    public static IApplicationBuilder UseBenchmarkStaticCopy(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IConfiguration>()["Benchmark:StaticFilesPath"] is { Length: > 0 } benchPath)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(benchPath)),
                RequestPath = "/_bench",
            });
        }
        return app;
    }
}
