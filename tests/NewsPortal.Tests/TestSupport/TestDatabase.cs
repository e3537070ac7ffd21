using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// A database built by the real migrations, for service-level tests: in-memory SQLite, or a fresh PostgreSQL
/// database when the run is on PostgreSQL (<see cref="TestProvider"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private string? _postgres;

    private TestDatabase() { }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        if (TestProvider.IsPostgres)
        {
            database._postgres = await PostgresServer.CreateDatabaseAsync();
        }
        else
        {
            await database._connection.OpenAsync();
        }
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        db.Authors.Add(new Author { Slug = "writer", Name = "Writer" });
        db.Sections.Add(new Section { Slug = "news", Name = "News" });
        await db.SaveChangesAsync();
        return database;
    }

    public NewsPortalDbContext NewContext() =>
        _postgres is not null
            ? PostgresContext(_postgres)
            : new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>().UseSqlite(_connection).Options);

    /// <summary>A context on the PostgreSQL database at <paramref name="connectionString"/>, configured as the app configures it.</summary>
    public static PostgresNewsPortalDbContext PostgresContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresNewsPortalDbContext>().UseNpgsql(connectionString).Options);

    public async Task<int> AddArticleAsync(string slug)
    {
        await using var db = NewContext();
        var article = new Article
        {
            Slug = slug,
            Headline = slug,
            AuthorId = await db.Authors.Select(a => a.Id).FirstAsync(),
            SectionId = await db.Sections.Select(s => s.Id).FirstAsync(),
            Status = ArticleStatus.Published,
            PublishedAt = DateTime.UtcNow,
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return article.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (_postgres is not null)
        {
            await PostgresServer.DropDatabaseAsync(_postgres);
        }
    }
}
