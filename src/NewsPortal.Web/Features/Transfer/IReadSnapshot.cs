using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// One consistent view of the whole database for a long read (the export), without blocking the editors
/// who save meanwhile, streaming its rows. SQLite: a deferred read transaction on a connection of its own,
/// which WAL serves from a snapshot.
/// </summary>
public interface IReadSnapshot
{
    /// <summary>Starts a snapshot of the database <paramref name="db"/> uses; every query through <see cref="ReadSnapshot.Db"/> sees the same data.</summary>
    Task<ReadSnapshot> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// An open snapshot: <see cref="Db"/> is a context of its own whose queries stream (the portal's own contexts
/// retry a busy database, and EF buffers every result of a retrying context whole — a table of 100,000
/// articles at once). Disposing ends the read.
/// </summary>
public sealed class ReadSnapshot(NewsPortalDbContext db, Func<ValueTask> end) : IAsyncDisposable
{
    public NewsPortalDbContext Db { get; } = db;

    public ValueTask DisposeAsync() => end();
}
