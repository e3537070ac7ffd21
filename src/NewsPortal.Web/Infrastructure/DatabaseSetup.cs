using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.DemoContent;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Only <c>Sqlite</c> in this build; <c>Postgres</c> is reserved.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>How long a query waits for a writer's lock.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = SqliteBusyTimeout.DefaultMilliseconds;
}

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=App_Data/newsportal.db";

    public static WebApplicationBuilder AddNewsPortalDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        // Read here too, not through IOptions: the provider decides which services are registered,
        // so it is needed before the container exists, and a wrong one fails the start at once.
        var provider = (builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported by this build; use 'Sqlite'.");
        }
        var connectionString = ResolveSqlitePath(
            builder.Configuration.GetConnectionString("Default") ?? DefaultConnectionString,
            builder.Environment.ContentRootPath);

        builder.Services.AddDbContextPool<NewsPortalDbContext>((services, options) => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(NewsPortalDbContext).Assembly.FullName))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll)
            .AddInterceptors(new SqliteBusyTimeout(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.BusyTimeoutMilliseconds)));
        return builder;
    }

    /// <summary>Relative SQLite paths are relative to the app's content root, whatever the working directory.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = csb.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }
        if (!Path.IsPathRooted(dataSource))
        {
            dataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(dataSource)!);
        csb.DataSource = dataSource;
        if (csb.Pooling is false)
        {
            csb.Pooling = true;
        }
        return csb.ToString();
    }

    /// <summary>Applies migrations, switches SQLite to WAL, and loads the demo content into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an editor saves; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.DemoContent)
        {
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }
}
