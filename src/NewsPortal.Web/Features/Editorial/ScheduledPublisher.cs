using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>
/// Publishes scheduled articles whose time has come, exactly once even with several replicas running it at the same
/// moment: each article goes public through one conditional update (<c>Status = Published WHERE Id = @id AND Status =
/// Scheduled</c>), and only the run whose update changed the row writes the audit entry and reports the change (page
/// eviction, search index, related picks, key points). An editor who unscheduled it meanwhile wins the same way.
/// </summary>
public sealed class ScheduledPublisher(
    NewsPortalDbContext db,
    ArticleChangePublisher changes,
    AuditLog audit,
    TimeProvider clock,
    ILogger<ScheduledPublisher> logger)
{
    /// <returns>How many articles this run made public.</returns>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .OrderBy(a => a.PublishedAt)
            .Take(100)
            .Select(a => new { a.Id, a.Slug, a.Headline })
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var article in due)
        {
            if (!await TryPublishAsync(article.Id, article.Headline, now, cancellationToken))
            {
                // Another replica's run (or an editor) got there first; their state wins.
                continue;
            }
            published++;
            logger.LogInformation("Published scheduled article {ArticleId} {Slug}", article.Id, article.Slug);
            await changes.PublishAsync(new ArticleChange(article.Id, ArticleChangeKind.Published, [article.Slug]), cancellationToken);
        }
        return published;
    }

    /// <summary>The conditional update and its audit entry in one transaction: both or neither.</summary>
    private Task<bool> TryPublishAsync(int articleId, string headline, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var version = Guid.NewGuid();
            var updated = await db.Articles
                .Where(a => a.Id == articleId && a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Status, ArticleStatus.Published)
                    .SetProperty(a => a.UpdatedAt, now)
                    .SetProperty(a => a.Version, version), ct);
            if (updated != 1)
            {
                return false;
            }
            audit.Add(Editor.Scheduler, AuditActions.Published, nameof(Article), articleId, headline);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
}

/// <summary>
/// Runs <see cref="ScheduledPublisher"/> every half minute on the app's clock, on one replica at a time: the one holding
/// the <see cref="JobName"/> lease (<see cref="JobLeases"/>). The publish itself is safe without the lease; the lease
/// saves the other replicas the work.
/// </summary>
public sealed class ScheduledPublishingService(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, ILogger<ScheduledPublishingService> logger)
    : BackgroundService
{
    public const string JobName = "scheduled-publisher";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                // Two intervals: the holder renews at every run, so the job moves only when its holder has stopped.
                if (!await leases.TryTakeAsync(JobName, 2 * Interval, stoppingToken))
                {
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The loop must outlive a bad moment (a locked database, a failing handler): log and retry.
                logger.LogError(exception, "Publishing scheduled articles failed; retrying at the next interval");
            }
        }
    }
}
