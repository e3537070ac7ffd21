using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// One consistent view of the whole database for a long read (the export), without blocking the
/// editors who save meanwhile. SQLite: a deferred read transaction, which WAL serves from a snapshot.
/// </summary>
public interface IReadSnapshot
{
    /// <summary>Starts the snapshot on <paramref name="db"/>'s connection; every query through it sees the same data until disposed.</summary>
    Task<IAsyncDisposable> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken);
}
