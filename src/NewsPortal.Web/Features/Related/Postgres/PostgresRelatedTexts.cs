using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Related.Postgres;

/// <summary>PostgreSQL's <see cref="IRelatedTexts"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresRelatedTexts(NewsPortalDbContext db) : IRelatedTexts
{
    private const string NotYet = "PostgresRelatedTexts is not built yet.";

    private NewsPortalDbContext Db { get; } = db;

    public Task<Dictionary<int, RelatedText>> LoadAsync(IReadOnlyList<int> ids, int bodyCharacters, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NotYet);
}
