using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsPortal.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/Postgres) are
/// told apart from SQLite's: EF picks a context's migrations by the context type they name. Everything in the
/// app asks for <see cref="NewsPortalDbContext"/>, and gets this one when <c>Database:Provider</c> is Postgres.
/// </summary>
public sealed class PostgresNewsPortalDbContext(DbContextOptions<PostgresNewsPortalDbContext> options) : NewsPortalDbContext(options);

/// <summary>
/// How <c>dotnet ef</c> makes the PostgreSQL context (the app registers it only when PostgreSQL is configured).
/// Adding a migration needs no server; applying one uses NEWSPORTAL_POSTGRES (a connection string).
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNewsPortalDbContext>
{
    public PostgresNewsPortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("NEWSPORTAL_POSTGRES") ?? "Host=127.0.0.1;Database=newsportal_design;Username=postgres";
        var options = new DbContextOptionsBuilder<PostgresNewsPortalDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresNewsPortalDbContext).Assembly.FullName))
            .Options;
        return new PostgresNewsPortalDbContext(options);
    }
}
