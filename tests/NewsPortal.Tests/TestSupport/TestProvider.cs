using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Npgsql;
using NewsPortal.Web.Data;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// Which database the integration tests run on: SQLite unless NEWSPORTAL_TEST_DATABASE=postgres (test.sh runs the
/// suite both ways). Tests that are about SQLite itself carry <c>[Trait("Database", "Sqlite")]</c> and are left out
/// of the PostgreSQL run; tests about PostgreSQL itself (several replicas on one server) carry
/// <c>[Trait("Database", "Postgres")]</c>, start the server whatever the provider, and run in the PostgreSQL run
/// only; classes that never open a database carry <c>[Trait("Database", "None")]</c> and run in the first run only.
/// </summary>
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable("NEWSPORTAL_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Current == DatabaseProvider.Postgres;
}

/// <summary>
/// One PostgreSQL server for the whole test run: NEWSPORTAL_TEST_POSTGRES (a connection string to a server whose
/// user may create databases) when set, otherwise a private cluster this process creates with initdb in a temporary
/// directory, on a free loopback port, without fsync, and stops when the run ends. Each test host gets a database
/// of its own, copied from a template that already has every migration applied.
/// </summary>
public static class PostgresServer
{
    private const string Template = "newsportal_template";
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;
    private static Process? _postgres;
    private static readonly Channel<string> Drops = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private static readonly Lazy<Task> Dropper = new(() => Task.Run(DropLoopAsync));

    /// <summary>A connection string to a new, empty database with the whole schema; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        await EnsureTemplateAsync(admin);
        return await CopyDatabaseAsync(admin, Template);
    }

    /// <summary>A new database copied from <paramref name="template"/> (made by <see cref="MakeTemplateAsync"/>); drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseFromAsync(string template) => await CopyDatabaseAsync(await Server.Value, template);

    /// <summary>Copies the database of <paramref name="connectionString"/>, which nothing may be connected to any more, as template <paramref name="template"/>.</summary>
    public static async Task MakeTemplateAsync(string connectionString, string template)
    {
        var source = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        // The app's own data sources may still hold a connection for a moment after its host stopped.
        await using var disconnect = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()", connection);
        await disconnect.ExecuteNonQueryAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{template}\" TEMPLATE \"{source}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<string> CopyDatabaseAsync(string admin, string template)
    {
        _ = Dropper.Value;
        var name = "np_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return Database(admin, name);
    }

    /// <summary>A connection string to a new database with nothing in it, not even the migrations history.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var admin = await Server.Value;
        _ = Dropper.Value;
        var name = "np_empty_" + Guid.NewGuid().ToString("N")[..20];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return Database(admin, name);
    }

    /// <summary>
    /// Lets a database go: its pool is cleared at once and the database is dropped by one background loop, so a
    /// test's dispose does not wait for it (DROP DATABASE ... WITH (FORCE) took 1.2–1.8 s each on the loaded CI
    /// machine, once per test host). Drops still pending when the run ends are finished then (a given server) or go
    /// with the private cluster's directory.
    /// </summary>
    public static Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        Drops.Writer.TryWrite(name);
        return Task.CompletedTask;
    }

    private static async Task DropLoopAsync()
    {
        await foreach (var name in Drops.Reader.ReadAllAsync())
        {
            try
            {
                await using var admin = new NpgsqlConnection(await Server.Value);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // Left behind: a given server keeps it, a private cluster is deleted with its directory.
            }
        }
    }

    /// <summary>Finishes the drops still queued, for at most <paramref name="timeout"/>; a given server is left tidy.</summary>
    private static void FinishDrops(TimeSpan timeout)
    {
        Drops.Writer.TryComplete();
        if (Dropper.IsValueCreated)
        {
            Dropper.Value.Wait(timeout);
        }
    }

    private static string Database(string admin, string name) => new NpgsqlConnectionStringBuilder(admin)
    {
        Database = name,
        // The admin connection string is unpooled (it only creates and drops databases); the app's must be pooled, as
        // in production: unpooled, every query of a test host forked a PostgreSQL backend, which made the PostgreSQL
        // pass several times slower than the SQLite one (one feed-ingestion host opened 1,242 connections).
        Pooling = true,
        // Hundreds of short-lived test databases: small pools that let idle connections go.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    private static async Task EnsureTemplateAsync(string admin)
    {
        if (_templateReady)
        {
            return;
        }
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE); ", connection);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Template}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            var template = Database(admin, Template);
            await using (var db = TestDatabase.PostgresContext(template))
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            }
            await using (var connection = new NpgsqlConnection(template))
            {
                NpgsqlConnection.ClearPool(connection);
            }
            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("NEWSPORTAL_TEST_POSTGRES") is { Length: > 0 } given)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => FinishDrops(TimeSpan.FromSeconds(60));
            return given;
        }
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run tests/NewsPortal.Tests/install-deps.sh, or set NEWSPORTAL_TEST_POSTGRES to a server's connection string.");
        }
        var directory = Path.Combine(Path.GetTempPath(), $"newsportal-test-pg-{Environment.ProcessId}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {directory}");
        }
        var initdb = $"{Path.Combine(bin, "initdb")} -D {directory}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync";
        await RunAsync(asRoot ? "runuser" : "sh", asRoot ? $"-u postgres -- {initdb}" : $"-c \"{initdb}\"");
        var port = FreePort();
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(bin, "postgres"))
        {
            Arguments = $"{(asRoot ? $"-u postgres -- {Path.Combine(bin, "postgres")} " : "")}-D {directory}/data -p {port} -k {directory} "
                + "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _postgres = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        _postgres.OutputDataReceived += (_, _) => { };
        _postgres.ErrorDataReceived += (_, _) => { };
        _postgres.BeginOutputReadLine();
        _postgres.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(directory);
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                return admin;
            }
            catch (NpgsqlException) when (attempt < 100 && !_postgres.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task RunAsync(string program, string arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output}");
        }
    }

    private static void Stop(string directory)
    {
        try
        {
            if (_postgres is { HasExited: false })
            {
                // The tree: as root the child is runuser, and postgres under it would outlive a kill of runuser alone.
                _postgres.Kill(entireProcessTree: true);
                _postgres.WaitForExit(5000);
            }
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The temp cleaner takes what is left.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
