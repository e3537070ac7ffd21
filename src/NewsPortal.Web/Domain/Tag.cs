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

    /// <summary>
    /// Copy of the article's status, kept by database triggers so a tag page reads one index
    /// range (tag, status, time) instead of visiting every tagged article. Never set in code.
    /// </summary>
    public ArticleStatus ArticleStatus { get; private set; }

    /// <summary>Copy of the article's publish time, kept by database triggers. Never set in code.</summary>
    public DateTime? ArticlePublishedAt { get; private set; }
}
