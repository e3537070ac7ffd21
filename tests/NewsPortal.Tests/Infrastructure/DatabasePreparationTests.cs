using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>
/// Replicas of the portal start at the same time against one PostgreSQL server (a deploy, a scale-up): exactly one
/// of them migrates the empty database and loads the demo content, the others wait for it and find both done.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class DatabasePreparationTests
{
    [Fact]
    public async Task Two_replicas_starting_together_on_an_empty_database_migrate_it_and_seed_the_demo_content_once()
    {
        var database = await PostgresServer.CreateEmptyDatabaseAsync();
        try
        {
            using var first = new ReplicaHost(database);
            using var second = new ReplicaHost(database);

            // Services starts the host: PrepareDatabaseAsync runs in both at once.
            await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

            var seeded = first.Logs.All.Concat(second.Logs.All)
                .Where(e => e.MessageTemplate.Text.StartsWith("Loaded demo content", StringComparison.Ordinal)).ToList();
            var seeding = Assert.Single(seeded);
            var articles = int.Parse(seeding.Properties["Articles"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(articles > 0);
            foreach (var replica in new[] { first, second })
            {
                Assert.Equal(articles, await replica.WithDbAsync(db => db.Articles.CountAsync()));
                Assert.Empty(await replica.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
                using var reader = replica.CreateReaderClient();
                using var home = await reader.GetAsync("/");
                Assert.True(home.IsSuccessStatusCode, $"/ gave {(int)home.StatusCode}");
            }
            // Each migration applied once: a second run of one would have failed its host's start, or left a duplicate.
            var history = await first.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync());
            var migrations = await first.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
            Assert.Equal(migrations.Order(StringComparer.Ordinal), history.Order(StringComparer.Ordinal));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    /// <summary>A replica of the portal on the shared database (the factory's own one, if any, goes unused).</summary>
    private sealed class ReplicaHost(string database) : NewsPortalFactory(new PortalOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
        },
    });
}
