using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Infrastructure;

public static class HealthChecks
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddNewsPortalHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<NewsPortalDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready])
            .AddCheck<DerivedWorkCheck>("derived-work", tags: [Ready]);
        if (DatabaseSetup.ProviderOf(builder.Configuration) == DatabaseProvider.Postgres)
        {
            // The server itself (SELECT 1 through Npgsql alone), named in the readiness detail apart from the model checks.
            checks.AddNpgSql(builder.Configuration.GetConnectionString("Default")!, name: "postgres", tags: [Ready]);
        }
        if (NewsPortalServices.RedisConfigured(builder.Configuration))
        {
            // Degraded, never Unhealthy: without Redis the replica still serves from the database, so it stays in rotation.
            checks.AddRedis(
                services => services.GetRequiredService<RedisConnection>().Multiplexer,
                name: "redis", failureStatus: HealthStatus.Degraded, tags: [Ready], timeout: TimeSpan.FromSeconds(2));
        }
        return builder;
    }

    public static void MapNewsPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Liveness answers without touching the database; readiness proves the database is usable.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteReadiness });
    }

    /// <summary>"Healthy" alone when all is well; otherwise the status, then one line per check that is not healthy or has something to say.</summary>
    private static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var text = new System.Text.StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy || e.Value.Description is not null).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(" - ")
                .Append(entry.Description ?? entry.Exception?.Message ?? "no detail");
        }
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
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

    /// <summary>
    /// The derived-work queue: silent when empty; the pending count and the oldest's age when not; Degraded (still in
    /// rotation, pages are served) once the oldest has waited longer than <see cref="StaleAfter"/>: the worker is
    /// stuck, failing or far behind, and search and related picks are going stale.
    /// </summary>
    internal sealed class DerivedWorkCheck(NewsPortalDbContext db, TimeProvider clock) : IHealthCheck
    {
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var backlog = await DerivedWorkBacklog.ReadAsync(db, cancellationToken);
            if (backlog.OldestEnqueuedAt is not { } oldest)
            {
                return HealthCheckResult.Healthy();
            }
            var age = clock.GetUtcNow().UtcDateTime - oldest;
            var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{backlog.Pending} article(s) pending, the oldest for {Math.Max(0, age.TotalSeconds):0} s, {backlog.Failing} failing");
            var data = new Dictionary<string, object> { ["pending"] = backlog.Pending, ["oldestAgeSeconds"] = age.TotalSeconds, ["failing"] = backlog.Failing };
            return age > StaleAfter ? HealthCheckResult.Degraded(detail, data: data) : HealthCheckResult.Healthy(detail, data);
        }
    }
}
