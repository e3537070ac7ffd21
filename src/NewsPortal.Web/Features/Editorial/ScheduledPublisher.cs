using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Publishes scheduled articles whose time has come.</summary>
public sealed class ScheduledPublisher(
    NewsPortalDbContext db,
    ArticleChangePublisher changes,
    AuditLog audit,
    TimeProvider clock,
    ILogger<ScheduledPublisher> logger)
{
    /// <returns>How many articles went public.</returns>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .OrderBy(a => a.PublishedAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var article in due)
        {
            article.Status = ArticleStatus.Published;
            article.UpdatedAt = now;
            article.Version = Guid.NewGuid();
            audit.Add(Editor.Scheduler, AuditActions.Published, nameof(Article), article.Id, article.Headline);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed it meanwhile (or another run published it); their state wins.
                db.ChangeTracker.Clear();
                continue;
            }
            published++;
            logger.LogInformation("Published scheduled article {ArticleId} {Slug}", article.Id, article.Slug);
            await changes.PublishAsync(new ArticleChange(article.Id, ArticleChangeKind.Published, [article.Slug]), cancellationToken);
        }
        return published;
    }
}

/// <summary>Runs <see cref="ScheduledPublisher"/> every half minute on the app's clock.</summary>
public sealed class ScheduledPublishingService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublishingService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
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
