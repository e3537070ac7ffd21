using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Discovery;

/// <summary>
/// Keeps what helps readers find an article in step with every save: its search-index entry and
/// its automatic related picks, plus the picks of its closest neighbours (which may now include it).
/// Works in its own scope (own DbContext), so the saving code's change tracker is never touched.
/// </summary>
public sealed class DiscoveryChangeHandler(IServiceScopeFactory scopes) : IArticleChangeHandler
{
    /// <summary>How many of a changed article's picks get their own picks refreshed too.</summary>
    private const int NeighboursRefreshed = 5;

    public async Task HandleAsync(ArticleChange change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
        var related = scope.ServiceProvider.GetRequiredService<AutomaticRelatedService>();
        if (change.Kind is ArticleChangeKind.Deleted)
        {
            await indexer.RemoveAsync(change.ArticleId, cancellationToken);
            await related.RemoveAsync(change.ArticleId, cancellationToken);
            return;
        }

        await indexer.IndexAsync(change.ArticleId, cancellationToken);
        var picks = await related.ComputeAsync(change.ArticleId, cancellationToken);
        if (change.Kind is ArticleChangeKind.Unpublished)
        {
            await related.RemoveAsync(change.ArticleId, cancellationToken);
            return;
        }
        foreach (var pick in picks.Take(NeighboursRefreshed))
        {
            await related.ComputeAsync(pick.ArticleId, cancellationToken);
        }
    }
}
