using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Infrastructure;

public static class HealthChecks
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddNewsPortalHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<NewsPortalDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready]);
        if (DatabaseSetup.ProviderOf(builder.Configuration) == DatabaseProvider.Postgres)
        {
            // The server itself (SELECT 1 through Npgsql alone), named in the readiness detail apart from the model checks.
            checks.AddNpgSql(builder.Configuration.GetConnectionString("Default")!, name: "postgres", tags: [Ready]);
        }
        return builder;
    }

    public static void MapNewsPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Liveness answers without touching the database; readiness proves the database is usable.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
    }

    private sealed class MigrationsAppliedCheck(NewsPortalDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
        }
    }
}
