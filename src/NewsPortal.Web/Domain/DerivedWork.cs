namespace NewsPortal.Web.Domain;

/// <summary>
/// An article whose derived data (search entry, automatic related picks, the pages showing them) is still to be
/// brought up to date. One row per article: a second change before the work is done only bumps
/// <see cref="Version"/>, so ten saves in a row cost one piece of work. The row is deleted only after the work
/// succeeded and only if no change arrived meanwhile (same <see cref="Version"/>), so a crash never loses it.
/// </summary>
public class DerivedWork
{
    public int ArticleId { get; set; }

    /// <summary>What the change was, as <c>ArticleChangeKind</c>'s number; informational, the work reads the article's current state.</summary>
    public int Kind { get; set; }

    /// <summary>Bumped by every enqueue; the worker deletes the row only if it still holds the version it read.</summary>
    public long Version { get; set; }

    /// <summary>When the oldest change not yet worked on arrived: how long readers have seen stale derived data.</summary>
    public DateTime EnqueuedAt { get; set; }

    /// <summary>When the latest change arrived.</summary>
    public DateTime LastEnqueuedAt { get; set; }

    /// <summary>Not to be taken before this time: now for fresh work, later after a failure (backoff).</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Which replica works on the row until <see cref="LeasedUntil"/>; another may take it once the lease ran out.</summary>
    public string? LeasedBy { get; set; }

    public DateTime? LeasedUntil { get; set; }

    /// <summary>Failed attempts since the last change; drives the backoff.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
