namespace NewsPortal.Web.Domain;

public class Revision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public required string Headline { get; set; }
    public string Dek { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string? SavedByUserId { get; set; }
    public string SavedByName { get; set; } = "";
    public DateTime SavedAt { get; set; }
}
