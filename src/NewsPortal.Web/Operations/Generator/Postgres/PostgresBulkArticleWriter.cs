using NewsPortal.Web.Data;

namespace NewsPortal.Web.Operations.Generator.Postgres;

/// <summary>PostgreSQL's <see cref="IBulkArticleWriter"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresBulkArticleWriter(NewsPortalDbContext db) : IBulkArticleWriter
{
    private const string NotYet = "PostgresBulkArticleWriter is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task<IBulkArticleSession> OpenAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
