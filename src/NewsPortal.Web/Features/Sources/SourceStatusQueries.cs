using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Sources;

/// <summary>How a source's feed is doing, as its admin page shows it.</summary>
public sealed record SourceFeedStatus(
    bool HasFeed,
    bool Enabled,
    DateTime? LastPolledAt,
    DateTime? LastSucceededAt,
    string? LastError,
    int ConsecutiveFailures,
    int ItemsAddedTotal,
    int ItemsAddedLastPoll,
    DateTime? NextPollAt);

public sealed class SourceStatusQueries(NewsPortalDbContext db)
{
    public Task<SourceFeedStatus?> GetAsync(int sourceId, CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new SourceFeedStatus(s.FeedUrl != null, s.FeedEnabled, s.LastPolledAt, s.LastSucceededAt, s.LastError,
                s.ConsecutiveFailures, s.ItemsAddedTotal, s.ItemsAddedLastPoll, s.NextPollAt))
            .FirstOrDefaultAsync(cancellationToken);
}
