namespace NewsPortal.Web.Domain;

/// <summary>A hashtag.</summary>
public class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}

public class ArticleTag
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int TagId { get; set; }
    public Tag? Tag { get; set; }
}
