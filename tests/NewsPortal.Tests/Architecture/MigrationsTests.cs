using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Tests.Architecture;

/// <summary>
/// Both providers' migrations are kept in step with the model: a change to an entity or a configuration without
/// <c>dotnet ef migrations add</c> for SQLite and for PostgreSQL fails here, naming the provider that lacks it.
/// Neither check needs a server: EF compares the model with each migrations folder's snapshot.
/// </summary>
[Trait("Database", "None")]
public class MigrationsTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_whole_model()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var db = new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>().UseSqlite(connection).Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no SQLite migration carries: run dotnet ef migrations add NAME --context NewsPortalDbContext (README: Migrations).");
    }

    [Fact]
    public void The_postgres_migrations_cover_the_whole_model()
    {
        using var db = new PostgresNewsPortalDbContext(new DbContextOptionsBuilder<PostgresNewsPortalDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused;Username=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration carries: run dotnet ef migrations add NAME --context PostgresNewsPortalDbContext "
            + "--output-dir Data/Migrations/Postgres --namespace NewsPortal.Web.Data.Migrations.Postgres.");
    }

    [Fact]
    public void Each_provider_finds_only_its_own_migrations()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var sqlite = new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>().UseSqlite(connection).Options);
        using var postgres = new PostgresNewsPortalDbContext(new DbContextOptionsBuilder<PostgresNewsPortalDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused;Username=unused").Options);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgresMigrations);
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations, StringComparer.Ordinal));
    }
}
