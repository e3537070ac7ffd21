using Microsoft.Data.Sqlite;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// The demo newsroom as a host has it once start-up is done (migrated, seeded with its images, indexed for search,
/// related picks computed), made once per test run and copied into each host that would only make it again. Start-up
/// work is the same for every such host and took most of a small test class's time: computing the related picks alone
/// was about a second a host on a loaded CI machine, over eighty hosts a pass.
/// </summary>
public static class SeededTemplate
{
    private const string DatabaseFile = "newsportal.db";
    private const string MediaDirectory = "media";

    private static readonly string TemplateDirectory = Path.Combine(Path.GetTempPath(), "newsportal-tests", $"seeded-{Environment.ProcessId}");
    private static readonly Lazy<Task> Made = new(() => Task.Run(MakeAsync));

    /// <summary>
    /// True when the host would make exactly what the template holds: demo content on the test provider's own database, with
    /// nothing configured that changes the schema, the seed, the search index, the related picks or where media live.
    /// </summary>
    public static bool Suits(PortalOptions options) =>
        options.FromSeededTemplate && options.DemoContent
        && !options.Settings.Keys.Any(key => ChangesWhatIsSeeded.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    private static readonly string[] ChangesWhatIsSeeded = ["ConnectionStrings", "Database", "Redis", "Seed", "Media", "Search", "Related", "Discovery", "KeyPoints"];

    /// <summary>
    /// Puts a copy of the seeded newsroom into <paramref name="hostDirectory"/>: its media, and on SQLite its database file;
    /// on PostgreSQL the copy is a new database, whose connection string is returned (null on SQLite).
    /// </summary>
    public static string? CopyTo(string hostDirectory)
    {
        Made.Value.GetAwaiter().GetResult();
        CopyDirectory(Path.Combine(TemplateDirectory, MediaDirectory), Path.Combine(hostDirectory, MediaDirectory));
        if (TestProvider.IsPostgres)
        {
            return PostgresServer.CreateDatabaseFromAsync(PostgresTemplate).GetAwaiter().GetResult();
        }
        File.Copy(Path.Combine(TemplateDirectory, DatabaseFile), Path.Combine(hostDirectory, DatabaseFile));
        return null;
    }

    private const string PostgresTemplate = "newsportal_seeded";

    private static async Task MakeAsync()
    {
        Directory.CreateDirectory(TemplateDirectory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly();
        var postgres = TestProvider.IsPostgres ? await PostgresServer.CreateDatabaseAsync() : null;
        using (var host = new TemplateHost(postgres))
        {
            _ = host.Server; // start-up: migrations, demo seed, search index, related picks
            await host.DerivedWorkDoneAsync();
            if (postgres is null)
            {
                // SQLite's online backup: one consistent file with the WAL folded in, taken while the host still runs.
                await using var source = new SqliteConnection($"Data Source={host.DatabasePath}");
                await using var copy = new SqliteConnection($"Data Source={Path.Combine(TemplateDirectory, DatabaseFile)};Pooling=False");
                await source.OpenAsync();
                await copy.OpenAsync();
                source.BackupDatabase(copy);
            }
            CopyDirectory(host.MediaRoot, Path.Combine(TemplateDirectory, MediaDirectory));
        }
        if (postgres is not null)
        {
            await PostgresServer.MakeTemplateAsync(postgres, PostgresTemplate);
            await PostgresServer.DropDatabaseAsync(postgres);
        }
    }

    /// <summary>The host that seeds; on PostgreSQL on the given database, which outlives it to become the template.</summary>
    private sealed class TemplateHost(string? postgres) : NewsPortalFactory(PortalOptions.Default with
    {
        FromSeededTemplate = false,
        Settings = postgres is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = postgres },
    });

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static void DeleteQuietly()
    {
        try
        {
            Directory.Delete(TemplateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
