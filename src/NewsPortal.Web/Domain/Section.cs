namespace NewsPortal.Web.Domain;

public class Section
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}
