using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>PostgreSQL's <see cref="IDatabaseBackup"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresDatabaseBackup(NewsPortalDbContext db) : IDatabaseBackup
{
    private const string NotYet = "PostgresDatabaseBackup is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public string Provider => "Postgres";

    public string DatabaseFile => throw new NotSupportedException(NotYet);

    public Task SnapshotAsync(string targetFile, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<string> CheckIntegrityAsync(string databaseFile, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<IReadOnlyDictionary<string, long>> CountRowsAsync(string databaseFile, IEnumerable<string> tables, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task<string?> SchemaAsync(string databaseFile, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);

    public Task PlaceAsync(string restoredFile, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
