namespace NewsPortal.Web.Features.Shared;

/// <summary>
/// The query planner's table statistics. They must describe the ordinary tables once they hold
/// data, but never the full-text search index's own tables: statistics taken while the index is
/// empty or small make every later index merge scan the whole index.
/// </summary>
public interface IPlannerStatistics
{
    /// <summary>Gathers fresh statistics for every table but the search index's.</summary>
    Task AnalyzeAllButSearchIndexAsync(CancellationToken cancellationToken);

    /// <summary>Deletes any statistics on the search index's tables.</summary>
    /// <returns>True when there were statistics to forget.</returns>
    Task<bool> ForgetSearchIndexStatisticsAsync(CancellationToken cancellationToken);
}
