using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Discovery;

/// <summary>
/// Queues what helps readers find a changed article (its search entry, its related picks and its neighbours') for
/// <see cref="DerivedWorkService"/>: one upsert in the request instead of seconds of work at a large archive. The
/// article's own pages are evicted at once by the page cache's own handler.
/// </summary>
public sealed class DiscoveryChangeHandler(DerivedWorkQueue queue) : IArticleChangeHandler
{
    public Task HandleAsync(ArticleChange change, CancellationToken cancellationToken) =>
        queue.EnqueueAsync(change.ArticleId, change.Kind, cancellationToken);
}
