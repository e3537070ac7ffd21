namespace NewsPortal.Web.Domain;

public class AuditEntry
{
    public long Id { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
}
