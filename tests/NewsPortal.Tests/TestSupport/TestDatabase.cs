using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.TestSupport;

/// <summary>An in-memory SQLite database built by the real migrations, for service-level tests.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    private TestDatabase() { }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database._connection.OpenAsync();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        db.Authors.Add(new Author { Slug = "writer", Name = "Writer" });
        db.Sections.Add(new Section { Slug = "news", Name = "News" });
        await db.SaveChangesAsync();
        return database;
    }

    public NewsPortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<NewsPortalDbContext>().UseSqlite(_connection).Options);

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

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
