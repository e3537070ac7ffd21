using NewsPortal.Web.Features.Articles;
using StackExchange.Redis;

namespace NewsPortal.Web.Features.Replicas;

/// <summary>
/// Tells every replica that an article changed, so each one forgets its remembered big listing counts
/// (<see cref="ListingCounts"/>) as the replica that saved the change does. Without it another replica would show a
/// stale page count for up to the counts' 30 seconds. Redis pub/sub: a message missed during an outage costs at most
/// that same 30 seconds, so nothing is replayed.
/// </summary>
public sealed class ListingCountsBroadcast(RedisConnection connection, ListingCounts counts, ILogger<ListingCountsBroadcast> logger) : IHostedService
{
    private RedisChannel Channel => RedisChannel.Literal(connection.InstanceName + "article-changes");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Subscribes even while Redis is down: the multiplexer re-subscribes when it reconnects.
            await connection.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, _) => counts.Reset());
        }
        catch (Exception exception) when (SharedPageCacheStore.IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "subscribing to article changes");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task AnnounceAsync(int articleId)
    {
        if (!connection.CheckAvailable("announcing an article change"))
        {
            return;
        }
        try
        {
            await connection.Multiplexer.GetSubscriber().PublishAsync(Channel, articleId);
        }
        catch (Exception exception) when (SharedPageCacheStore.IsRedisFailure(exception))
        {
            connection.ReportFailure(exception, "announcing an article change");
            logger.LogDebug("Article change {ArticleId} not announced to the other replicas", articleId);
        }
    }

    /// <summary>The article-change handler that announces every saved change.</summary>
    public sealed class Handler(ListingCountsBroadcast broadcast) : IArticleChangeHandler
    {
        public Task HandleAsync(ArticleChange change, CancellationToken cancellationToken) => broadcast.AnnounceAsync(change.ArticleId);
    }
}
