using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>PostgreSQL's <see cref="IReadSnapshot"/>. Placeholder while the PostgreSQL provider is being built.</summary>
public sealed class PostgresReadSnapshot : IReadSnapshot
{
    public Task<ReadSnapshot> BeginAsync(NewsPortalDbContext db, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgresReadSnapshot is not built yet.");
}
