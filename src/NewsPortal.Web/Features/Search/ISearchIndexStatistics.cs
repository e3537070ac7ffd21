using System.Data.Common;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Query-planner statistics as they concern the search index: a database that keeps statistics
/// describing the index as small can plan the index's own maintenance statements badly, so they are
/// never taken for it and forgotten when found.
/// </summary>
public interface ISearchIndexStatistics
{
    /// <summary>Gathers planner statistics for every table but the search index's, over <paramref name="connection"/>.</summary>
    Task AnalyzeAllButSearchIndexAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Forgets any statistics on the search index.</summary>
    /// <returns>True when there were statistics to forget.</returns>
    Task<bool> ForgetAsync(CancellationToken cancellationToken);
}
