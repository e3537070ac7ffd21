namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// After rows were written with explicit ids (an import, a bulk load), makes the database hand out ids after them.
/// SQLite needs nothing (its next rowid is always past the largest); PostgreSQL's identity columns draw from
/// sequences that explicit ids do not advance, so the next ordinary insert would collide.
/// </summary>
public interface IIdentitySequences
{
    /// <summary>Moves every identity sequence past its column's largest id, in the context's current transaction if any.</summary>
    Task ResetAsync(CancellationToken cancellationToken);
}
