namespace NewsPortal.Web.Domain;

public class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Markdown.</summary>
    public string Bio { get; set; } = "";
    public string? PhotoUrl { get; set; }
    public bool IsColumnist { get; set; }
    public string? ColumnName { get; set; }

    /// <summary>The Identity user who writes as this author, when there is one.</summary>
    public string? UserId { get; set; }

    public List<Article> Articles { get; set; } = [];
}
