using System.ComponentModel.DataAnnotations;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>What the article form posts; never the entity itself.</summary>
public sealed class ArticleEditModel
{
    public int? Id { get; set; }

    /// <summary>The concurrency token the form was loaded with.</summary>
    public Guid Version { get; set; }

    [Required(ErrorMessage = "Write a headline.")]
    [StringLength(300, ErrorMessage = "The headline is at most 300 characters.")]
    public string Headline { get; set; } = "";

    [StringLength(1000, ErrorMessage = "The dek is at most 1,000 characters.")]
    [Display(Name = "Dek (standfirst)")]
    public string? Dek { get; set; }

    [StringLength(200_000, ErrorMessage = "The body is at most 200,000 characters.")]
    [Display(Name = "Body (Markdown)")]
    public string? BodyMarkdown { get; set; }

    [StringLength(200, ErrorMessage = "The slug is at most 200 characters.")]
    [Display(Name = "Slug (web address)")]
    public string? Slug { get; set; }

    public ArticleKind Kind { get; set; }

    [Display(Name = "Section")]
    [Range(1, int.MaxValue, ErrorMessage = "Choose a section.")]
    public int SectionId { get; set; }

    [Display(Name = "Author")]
    public int AuthorId { get; set; }

    [Display(Name = "Source publication")]
    public int? SourceId { get; set; }

    [StringLength(1000, ErrorMessage = "Tags are at most 1,000 characters in all.")]
    [Display(Name = "Tags (comma-separated)")]
    public string? Tags { get; set; }

    [StringLength(100, ErrorMessage = "The wire credit is at most 100 characters.")]
    [Display(Name = "Wire credit")]
    public string? WireCredit { get; set; }

    [StringLength(2000, ErrorMessage = "The original URL is at most 2,000 characters.")]
    [Display(Name = "Original URL")]
    public string? OriginalUrl { get; set; }

    [StringLength(2000, ErrorMessage = "The image URL is at most 2,000 characters.")]
    [Display(Name = "Hero image URL")]
    public string? HeroImageUrl { get; set; }

    [StringLength(1000, ErrorMessage = "The caption is at most 1,000 characters.")]
    [Display(Name = "Hero caption")]
    public string? HeroCaption { get; set; }

    [StringLength(300, ErrorMessage = "The credit is at most 300 characters.")]
    [Display(Name = "Hero credit")]
    public string? HeroCredit { get; set; }

    [StringLength(500, ErrorMessage = "The alt text is at most 500 characters.")]
    [Display(Name = "Hero alt text")]
    public string? HeroAlt { get; set; }

    [Required(ErrorMessage = "Choose a language.")]
    public string Language { get; set; } = "en";

    [StringLength(200, ErrorMessage = "The slug is at most 200 characters.")]
    [Display(Name = "Translation of (slug of the same story in another language)")]
    public string? TranslationOf { get; set; }

    /// <summary>Readers may not comment; saved through the comment moderation service, by Editors and Admins only.</summary>
    [Display(Name = "Close comments")]
    public bool CommentsClosed { get; set; }
}

public sealed record Option(string Value, string Text);

public sealed class ArticleFormOptions
{
    public required IReadOnlyList<Option> Sections { get; init; }
    public required IReadOnlyList<Option> Authors { get; init; }
    public required IReadOnlyList<Option> Sources { get; init; }

    public static readonly IReadOnlyList<Option> Languages =
    [
        new("en", "English"), new("ko", "한국어 (Korean)"), new("ja", "日本語 (Japanese)"), new("zh", "中文 (Chinese)"),
    ];
}

/// <summary>Another editor saved first: their version, and a diff from theirs to what this editor typed.</summary>
public sealed class ConcurrencyConflict
{
    public required string SavedBy { get; init; }
    public required DateTime SavedAt { get; init; }
    public required string Headline { get; init; }
    public required string Dek { get; init; }
    public required string BodyMarkdown { get; init; }
    public required IReadOnlyList<DiffLine> BodyDiff { get; init; }
}

public enum DiffLineKind
{
    Unchanged,
    Inserted,
    Deleted,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>The state an edit page shows around the form.</summary>
public sealed class ArticleEditState
{
    public int Id { get; init; }
    public required string Slug { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? DisplayHeadline { get; init; }
    public bool SubmittedForReview { get; init; }
    public IReadOnlyList<PreviewLinkView> PreviewLinks { get; init; } = [];
    public IReadOnlyList<Option> Translations { get; init; } = [];
}

public sealed record PreviewLinkView(int Id, DateTime CreatedAt, DateTime ExpiresAt, bool IsActive, string? CreatedBy);

public sealed class SaveResult
{
    public int? ArticleId { get; init; }
    public Dictionary<string, string> Errors { get; } = [];
    public ConcurrencyConflict? Conflict { get; init; }
    public Guid? CurrentVersion { get; init; }
    public AccessResult Access { get; init; } = AccessResult.Allowed;

    public bool Succeeded => Access == AccessResult.Allowed && Errors.Count == 0 && Conflict is null;
}

public sealed record ArticleListQuery(string? Q, ArticleStatus? Status, int? SectionId, int? AuthorId, ArticleKind? Kind, int Page);

public sealed record ArticleListItem(
    int Id, string Slug, string Headline, ArticleKind Kind, ArticleStatus Status, string AuthorName, string SectionName,
    DateTime? PublishedAt, DateTime UpdatedAt, string Language);

public sealed class ArticleListPage
{
    public required ArticleListQuery Query { get; init; }
    public required IReadOnlyList<ArticleListItem> Items { get; init; }
    public required int Total { get; init; }
    public required int TotalPages { get; init; }
    public required ArticleFormOptions Options { get; init; }
}

public sealed record RevisionItem(int Id, string Headline, string SavedByName, DateTime SavedAt);

public sealed class RevisionsPage
{
    public required int ArticleId { get; init; }
    public required string Headline { get; init; }
    public required IReadOnlyList<RevisionItem> Revisions { get; init; }
    public RevisionItem? From { get; init; }
    public RevisionItem? To { get; init; }
    public IReadOnlyList<DiffLine> HeadlineDiff { get; init; } = [];
    public IReadOnlyList<DiffLine> DekDiff { get; init; } = [];
    public IReadOnlyList<DiffLine> BodyDiff { get; init; } = [];
    public bool CanRestore { get; init; }
}
