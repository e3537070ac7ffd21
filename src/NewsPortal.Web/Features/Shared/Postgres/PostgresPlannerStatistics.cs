using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Shared.Postgres;

/// <summary>
/// PostgreSQL keeps its statistics itself (autovacuum's ANALYZE), and its planner has none of SQLite's FTS5
/// shadow-table trap, so the search index needs no exception: after a bulk load every table is vacuumed and analysed
/// at once, so the first readers do not wait for autovacuum to notice (VACUUM also sets the visibility map, without
/// which an index-only scan still visits every row it returns), and there are never statistics to forget.
/// </summary>
public sealed class PostgresPlannerStatistics(NewsPortalDbContext db) : IPlannerStatistics
{
    public async Task AnalyzeAllButSearchIndexAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", cancellationToken);

    public Task<bool> ForgetSearchIndexStatisticsAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}
