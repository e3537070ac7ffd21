namespace NewsPortal.Web.Domain;

public class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Never shown to readers.</summary>
    public required string Email { get; set; }

    /// <summary>Plain text; encoded when shown.</summary>
    public required string Body { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Who last approved it or marked it as spam; null while it waits. No reader address is ever stored.</summary>
    public string? ModeratedBy { get; set; }

    /// <summary>UTC. When it was last approved or marked as spam.</summary>
    public DateTime? ModeratedAt { get; set; }
}
