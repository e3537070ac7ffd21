namespace NewsPortal.Web.Operations.Generator;

/// <summary>
/// Writes generated articles in large batches, faster than change tracking allows. Each database
/// provider brings its own (prepared inserts on SQLite; COPY would suit PostgreSQL).
/// </summary>
public interface IBulkArticleWriter
{
    /// <summary>Opens a session on its own connection, tuned for bulk inserts.</summary>
    Task<IBulkArticleSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IBulkArticleSession : IAsyncDisposable
{
    /// <summary>Writes the batch, in order, in one transaction: all of it or none.</summary>
    Task WriteBatchAsync(IReadOnlyList<PlannedArticle> batch, CancellationToken cancellationToken);
}
