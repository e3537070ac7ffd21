using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.DemoContent;
using NewsPortal.Web.Features.Discovery;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the default: one file, no server) or <c>Postgres</c> (a server several replicas share).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The <see cref="Provider"/> named, or an exception that names the accepted ones.</summary>
    public DatabaseProvider ProviderKind() =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Provider, out _)
            ? kind
            : throw new InvalidOperationException($"Database:Provider '{Provider}' is not supported; use 'Sqlite' or 'Postgres'.");

    /// <summary>How long a query waits for a writer's lock.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = SqliteBusyTimeout.DefaultMilliseconds;

    /// <summary>
    /// How long, in seconds, Microsoft.Data.Sqlite keeps retrying a statement that finds the database
    /// locked (each try waits up to the busy timeout); then <see cref="WriteRetries"/> takes over.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 10;

    /// <summary>How many more times EF runs a save (or any operation) that found the database locked; then 503.</summary>
    public int WriteRetries { get; set; } = 2;

    /// <summary>SQLite's <c>synchronous</c>: <c>Normal</c> (default with WAL), <c>Full</c> or <c>Extra</c>; <c>Off</c> is refused.</summary>
    public string Synchronous { get; set; } = nameof(SqliteSynchronous.Normal);

    /// <summary>The <see cref="Synchronous"/> level, or an exception that names the accepted ones.</summary>
    public SqliteSynchronous SynchronousLevel() =>
        Enum.TryParse<SqliteSynchronous>(Synchronous, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(Synchronous, out _)
            ? level
            : throw new InvalidOperationException(
                $"Database:Synchronous '{Synchronous}' is not accepted; use Normal, Full or Extra (Off lets a crash corrupt the database).");
}

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=App_Data/newsportal.db";

    /// <summary>The configured provider, for the composition root's choice of each database seam's implementation.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).ProviderKind();

    public static WebApplicationBuilder AddNewsPortalDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        // Read here too, not through IOptions: the provider decides which services are registered,
        // so it is needed before the container exists, and a wrong one fails the start at once.
        var settings = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = settings.ProviderKind();
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres, so ConnectionStrings:Default must be a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...).");
            }
            AddPostgres(builder.Services, connectionString);
            return builder;
        }

        // Also before the container exists, so that Synchronous=Off stops the start instead of the first query.
        settings.SynchronousLevel();
        var sqliteConnectionString = ResolveSqlitePath(connectionString ?? DefaultConnectionString, builder.Environment.ContentRootPath);
        builder.Services.AddDbContextPool<NewsPortalDbContext>((services, options) =>
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options
                .UseSqlite(sqliteConnectionString, sqlite => sqlite
                    .MigrationsAssembly(typeof(NewsPortalDbContext).Assembly.FullName)
                    .CommandTimeout(Math.Max(1, database.CommandTimeoutSeconds))
                    .ExecutionStrategy(dependencies => new SqliteBusyRetry(dependencies, Math.Max(0, database.WriteRetries))))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll)
                .AddInterceptors(new SqliteBusyTimeout(database.BusyTimeoutMilliseconds, database.SynchronousLevel()));
        });
        return builder;
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        // Callers ask for NewsPortalDbContext; PostgreSQL's subclass carries its own migrations.
        services.AddDbContextPool<NewsPortalDbContext, PostgresNewsPortalDbContext>((services, options) =>
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options
                .UseNpgsql(connectionString, npgsql => npgsql
                    .MigrationsAssembly(typeof(PostgresNewsPortalDbContext).Assembly.FullName)
                    .CommandTimeout(Math.Max(1, database.CommandTimeoutSeconds))
                    // Serialization failures and dropped connections are retried; EF refuses user transactions
                    // under a retrying strategy unless they run inside it, as the save paths do.
                    .EnableRetryOnFailure(Math.Max(0, database.WriteRetries)))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll);
        });
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

    /// <summary>
    /// Applies migrations, switches SQLite to WAL, checks that the app's connections run with
    /// <c>synchronous</c> at least NORMAL (those two on SQLite only), and (unless <paramref name="seedDemoContent"/> is false, as for an
    /// operator command that fills the database itself) loads the demo content into an empty database.
    /// </summary>
    public static Task PrepareDatabaseAsync(this IServiceProvider services, bool seedDemoContent = true, CancellationToken cancellationToken = default) =>
        RunAloneAsync(services, async ct =>
        {
            await using var scope = services.CreateAsyncScope();
            await MigrateAndSeedAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>(), seedDemoContent, ct);
        }, cancellationToken);

    /// <summary>
    /// What a replica does before it serves: <see cref="PrepareDatabaseAsync"/>, then the derived data an empty
    /// database lacks (the search index, automatic related picks), all of it by one replica at a time.
    /// </summary>
    public static Task PrepareForServingAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        RunAloneAsync(services, async ct =>
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await MigrateAndSeedAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>(), seedDemoContent: true, ct);
            }
            await services.PrepareDiscoveryAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> while no other replica runs it. Several replicas start at once against one
    /// PostgreSQL server (a deploy, a scale-up): one at a time migrates, seeds and fills the search index, the others
    /// wait and then find all of it done. (EF Core locks the migrations history itself; the seeder's and the
    /// indexer's "is it empty?" checks need a lock of their own.) The key is "NewsPrep" in ASCII, an advisory lock
    /// the app takes nowhere else; a session lock, so it goes with the connection if the process dies holding it.
    /// SQLite serves one process, which needs no lock.
    /// </summary>
    private static async Task RunAloneAsync(IServiceProvider services, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var lockScope = services.CreateAsyncScope();
        var lockDb = lockScope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        if (!lockDb.Database.IsNpgsql())
        {
            await work(cancellationToken);
            return;
        }
        // Waiting for another replica's first start (migrations, demo content, index) outlasts the usual command timeout.
        lockDb.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await lockDb.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await lockDb.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(5649052644760774000)", cancellationToken);
            await work(cancellationToken);
        }
        finally
        {
            await lockDb.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(5649052644760774000)", CancellationToken.None);
            await lockDb.Database.CloseConnectionAsync();
        }
    }

    private static async Task MigrateAndSeedAsync(IServiceProvider scoped, NewsPortalDbContext db, bool seedDemoContent, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an editor saves; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            var synchronous = await ReadSynchronousAsync(db, cancellationToken);
            if (synchronous < (int)SqliteSynchronous.Normal)
            {
                throw new InvalidOperationException(
                    $"SQLite runs with synchronous={synchronous} (OFF): a crash could corrupt the database. The connection interceptor should have set it.");
            }
        }

        if (seedDemoContent && scoped.GetRequiredService<IOptions<SeedOptions>>().Value.DemoContent)
        {
            await scoped.GetRequiredService<DemoContentSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    /// <summary><c>PRAGMA synchronous</c> as the app's own connections see it: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.</summary>
    public static async Task<long> ReadSynchronousAsync(NewsPortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
