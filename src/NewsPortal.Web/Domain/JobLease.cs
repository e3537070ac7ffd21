namespace NewsPortal.Web.Domain;

/// <summary>
/// Who runs a periodic job (the scheduled publisher, feed polling) until when. Several replicas share one
/// database; the one that holds a job's unexpired lease runs it, the others skip that interval.
/// </summary>
public class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime LeasedUntil { get; set; }
}
