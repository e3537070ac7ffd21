using Microsoft.EntityFrameworkCore;
using Npgsql;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Search;
using NewsPortal.Web.Features.Search.Postgres;
using NewsPortal.Web.Features.Shared.Postgres;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>
/// A PostgreSQL database opened as the target of a copy from another portal (<c>copy-database</c>): its own context
/// with PostgreSQL's migrations, and the portal's own import over it with PostgreSQL's seams (search index, planner
/// statistics, identity sequences), whatever provider the running host is configured for.
/// </summary>
public static class PostgresPortalTarget
{
    public static PostgresNewsPortalDbContext Open(string connectionString, out string description)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"not a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...): {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("the PostgreSQL connection string needs a Host and a Database (Host=...;Database=...;Username=...;Password=...).");
        }
        description = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        return new PostgresNewsPortalDbContext(new DbContextOptionsBuilder<PostgresNewsPortalDbContext>()
            .UseNpgsql(builder.ConnectionString, npgsql => npgsql
                .MigrationsAssembly(typeof(PostgresNewsPortalDbContext).Assembly.FullName)
                .CommandTimeout(600))
            .Options);
    }

    /// <summary>The portal-format import into <paramref name="db"/>, with the rest of what it needs from <paramref name="services"/>.</summary>
    public static PortalImportFormat Importer(IServiceProvider services, NewsPortalDbContext db)
    {
        var index = ActivatorUtilities.CreateInstance<PostgresSearchIndex>(services, db);
        var indexer = ActivatorUtilities.CreateInstance<SearchIndexer>(services, db, index, new PostgresPlannerStatistics(db));
        return ActivatorUtilities.CreateInstance<PortalImportFormat>(services, db, indexer, new PostgresIdentitySequences(db));
    }

    /// <summary>
    /// After a bulk copy: VACUUM sets the visibility map, so listings are Index Only Scans from the first request
    /// (without it every index entry visits its table row until autovacuum comes by), and ANALYZE the statistics.
    /// </summary>
    public static async Task VacuumAnalyzeAsync(NewsPortalDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", cancellationToken);
}
