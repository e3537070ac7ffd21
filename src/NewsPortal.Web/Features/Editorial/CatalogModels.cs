using System.ComponentModel.DataAnnotations;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>What every catalog form has: the id of the row it edits (null for a new one) and a name.</summary>
public interface ICatalogEditModel
{
    int? Id { get; set; }

    string Name { get; }
}

public sealed class AuthorEditModel : ICatalogEditModel
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give the author's name.")]
    [StringLength(200, ErrorMessage = "The name is at most 200 characters.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "The slug is at most 100 characters.")]
    [Display(Name = "Slug (web address)")]
    public string? Slug { get; set; }

    [StringLength(10_000, ErrorMessage = "The bio is at most 10,000 characters.")]
    [Display(Name = "Bio (Markdown)")]
    public string? Bio { get; set; }

    [StringLength(2000, ErrorMessage = "The photo URL is at most 2,000 characters.")]
    [Display(Name = "Photo URL")]
    public string? PhotoUrl { get; set; }

    [Display(Name = "Columnist")]
    public bool IsColumnist { get; set; }

    [StringLength(200, ErrorMessage = "The column name is at most 200 characters.")]
    [Display(Name = "Column name")]
    public string? ColumnName { get; set; }

    [Display(Name = "Linked user (the account that writes as this author)")]
    public string? UserId { get; set; }
}

public sealed class SectionEditModel : ICatalogEditModel
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give the section's name.")]
    [StringLength(100, ErrorMessage = "The name is at most 100 characters.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "The slug is at most 100 characters.")]
    [Display(Name = "Slug (web address)")]
    public string? Slug { get; set; }

    [Range(0, 1000, ErrorMessage = "The order is a number from 0 to 1000.")]
    [Display(Name = "Order in the navigation")]
    public int SortOrder { get; set; }
}

public sealed class TagEditModel : ICatalogEditModel
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give the tag's name.")]
    [StringLength(60, ErrorMessage = "The name is at most 60 characters.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "The slug is at most 100 characters.")]
    [Display(Name = "Slug (web address)")]
    public string? Slug { get; set; }
}

public sealed class SourceEditModel : ICatalogEditModel
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give the publication's name.")]
    [StringLength(200, ErrorMessage = "The name is at most 200 characters.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "The slug is at most 100 characters.")]
    [Display(Name = "Slug")]
    public string? Slug { get; set; }

    [StringLength(2000, ErrorMessage = "The URL is at most 2,000 characters.")]
    [Display(Name = "Homepage URL")]
    public string? HomepageUrl { get; set; }

    [StringLength(2000, ErrorMessage = "The URL is at most 2,000 characters.")]
    [Display(Name = "Feed URL (RSS or Atom)")]
    public string? FeedUrl { get; set; }

    [Display(Name = "Poll the feed (untick to pause it)")]
    public bool FeedEnabled { get; set; }

    [Range(SourceFeedRules.MinPollMinutes, SourceFeedRules.MaxPollMinutes, ErrorMessage = "Poll every 5 to 1,440 minutes (a day).")]
    [Display(Name = "Poll every (minutes)")]
    public int PollMinutes { get; set; } = 60;

    [Display(Name = "Section for new items")]
    public int? DefaultSectionId { get; set; }

    [Display(Name = "Author for new items")]
    public int? DefaultAuthorId { get; set; }

    [Display(Name = "Publish new items at once (otherwise they arrive as drafts)")]
    public bool PublishItems { get; set; }
}

public static class SourceFeedRules
{
    public const int MinPollMinutes = 5;
    public const int MaxPollMinutes = 1440;
}

public sealed record CatalogRow(int Id, string Name, string Slug, string? Detail, int Articles);
