using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Features.Sources;

/// <summary>
/// Every half minute on the app's clock, polls each enabled source whose <c>NextPollAt</c> has come, one after
/// another. A failing feed is recorded on its source and backed off by <see cref="FeedIngester"/>; nothing
/// that goes wrong here ends the loop. Off with Sources:Enabled=false. With several replicas only the holder of the
/// <see cref="JobName"/> lease (<see cref="JobLeases"/>) polls, so a feed is fetched once per interval, not once per replica.
/// </summary>
public sealed class FeedPollingService(
    IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IOptions<SourcesOptions> options, ILogger<FeedPollingService> logger)
    : BackgroundService
{
    public const string JobName = "feed-polling";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Partner feed polling is off (Sources:Enabled=false)");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                // Two intervals: the holder renews at every run, so polling moves only when its holder has stopped.
                if (await leases.TryTakeAsync(JobName, 2 * Interval, stoppingToken))
                {
                    await PollDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A locked database or a bug in one feed must not stop every other feed for good.
                logger.LogError(exception, "Polling partner feeds failed; retrying at the next interval");
            }
        }
    }

    private async Task PollDueAsync(CancellationToken stoppingToken)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<FeedIngester>().DueAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
        }
        foreach (var sourceId in due)
        {
            try
            {
                // A scope per source: one feed's tracked rows never leak into the next one's saves.
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<FeedIngester>().PollAsync(sourceId, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Polling the feed of source {SourceId} failed; the other sources carry on", sourceId);
            }
        }
    }
}
