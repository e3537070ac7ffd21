namespace NewsPortal.Web.Domain;

/// <summary>A publication that articles come from, e.g. "Korea Herald".</summary>
public class Source
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? HomepageUrl { get; set; }
    public string? FeedUrl { get; set; }
}
