using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Sqlite;

/// <summary>
/// A SQLite portal opened as the source of a copy to another database (<c>copy-database</c>): an existing file only
/// (never a new empty one), read through its own non-retrying context and a <see cref="SqliteReadSnapshot"/>, so the
/// copy is one consistent state even while the old portal still serves.
/// </summary>
public static class SqlitePortalSource
{
    /// <summary>The context over the file <paramref name="connectionString"/> names (relative paths from <paramref name="contentRoot"/>).</summary>
    public static NewsPortalDbContext Open(string connectionString, string contentRoot, out string file)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{connectionString}' is not a SQLite connection string (Data Source=path/to/newsportal.db): {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new ArgumentException($"'{connectionString}' names no SQLite file (Data Source=path/to/newsportal.db).");
        }
        file = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"there is no SQLite database at '{file}'.", file);
        }
        builder.DataSource = file;
        builder.Mode = SqliteOpenMode.ReadWrite;
        return new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>()
            .UseSqlite(builder.ToString(), sqlite => sqlite.MigrationsAssembly(typeof(NewsPortalDbContext).Assembly.FullName))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options);
    }

    public static IReadSnapshot Snapshot() => new SqliteReadSnapshot();
}
