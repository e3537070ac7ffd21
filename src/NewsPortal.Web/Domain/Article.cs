namespace NewsPortal.Web.Domain;

public class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public ArticleKind Kind { get; set; }
    public required string Headline { get; set; }

    /// <summary>The standfirst under the headline.</summary>
    public string Dek { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Sanitized HTML rendered from <see cref="BodyMarkdown"/> on every save.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>Plain-text summary for cards and meta descriptions, derived on save.</summary>
    public string Excerpt { get; set; } = "";

    /// <summary>Extractive key points, one sentence per line, computed on save.</summary>
    public string KeyPoints { get; set; } = "";
    public int ReadingMinutes { get; set; }

    public int AuthorId { get; set; }
    public Author? Author { get; set; }
    public int SectionId { get; set; }
    public Section? Section { get; set; }
    public int? SourceId { get; set; }
    public Source? Source { get; set; }

    /// <summary>The news agency credited after the text, e.g. "Yonhap".</summary>
    public string? WireCredit { get; set; }

    /// <summary>Where a syndicated article first appeared; the canonical link points there.</summary>
    public string? OriginalUrl { get; set; }

    /// <summary>
    /// Who else knows this article and by what name, e.g. "feed:3:urn:uuid:…", "wordpress:example.com:123",
    /// "ghost:5f1c…": feed ingestion and imports find the article again by it, so running them twice updates
    /// instead of duplicating. Null for articles written here.
    /// </summary>
    public string? ImportKey { get; set; }

    public string? HeroImageUrl { get; set; }
    public int? HeroMediaId { get; set; }
    public string? HeroCaption { get; set; }
    public string? HeroCredit { get; set; }
    public string? HeroAlt { get; set; }

    /// <summary>BCP 47 language tag, e.g. "en" or "ko".</summary>
    public string Language { get; set; } = "en";

    /// <summary>Articles sharing this value are versions of one story in different languages.</summary>
    public Guid? TranslationGroup { get; set; }

    public ArticleStatus Status { get; set; }

    /// <summary>True when an editor closed the article to new reader comments; approved ones stay shown.</summary>
    public bool CommentsClosed { get; set; }

    /// <summary>UTC. When the article is (or will be) public.</summary>
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>UTC. Set when the text changes after publishing; shown as "Updated".</summary>
    public DateTime? RevisedAt { get; set; }

    /// <summary>Optimistic concurrency token, replaced on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ArticleTag> Tags { get; set; } = [];
    public List<RelatedLink> RelatedLinks { get; set; } = [];

    public bool IsVisibleAt(DateTime utcNow) =>
        Status == ArticleStatus.Published && PublishedAt is { } at && at <= utcNow;
}

/// <summary>An old slug that keeps redirecting (301) to the article.</summary>
public class ArticleSlugRedirect
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
}

/// <summary>An expiring, revocable link that shows an unpublished article without an account.</summary>
public class PreviewLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    /// <summary>SHA-256 of the token; the token itself is only ever in the link.</summary>
    public required string TokenHash { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
