namespace NewsPortal.Web.Features.Articles;

public enum ArticleChangeKind
{
    Created,
    Edited,
    Published,
    Unpublished,
    Scheduled,
    Deleted,
}

/// <summary>
/// What changed about one article, after it was saved. <paramref name="Slugs"/> names every slug the
/// article's pages were reachable at before and after the change, so caches can evict both.
/// </summary>
public sealed record ArticleChange(int ArticleId, ArticleChangeKind Kind, IReadOnlyList<string> Slugs);

/// <summary>Reacts to a saved article change: search index, automatic related articles, page caches …</summary>
public interface IArticleChangeHandler
{
    Task HandleAsync(ArticleChange change, CancellationToken cancellationToken);
}

/// <summary>
/// The one place every save path (admin editor, scheduler, importers) reports a change to, so
/// that everything derived from articles stays in step.
/// </summary>
public sealed class ArticleChangePublisher(IEnumerable<IArticleChangeHandler> handlers, ILogger<ArticleChangePublisher> logger)
{
    public async Task PublishAsync(ArticleChange change, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(change, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed derived update must not lose the editor's saved work; it is logged and repairable by reindex.
                logger.LogError(exception, "Article change handler {Handler} failed for article {ArticleId}", handler.GetType().Name, change.ArticleId);
            }
        }
    }
}
