using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Models;

/// <summary>The article editor page: the form, its choices, and around it the article's state and a conflict if any.</summary>
public sealed class ArticleEditPage
{
    public required ArticleEditModel Form { get; init; }
    public required ArticleFormOptions Options { get; init; }
    public ArticleEditState? State { get; init; }
    public ConcurrencyConflict? Conflict { get; init; }

    /// <summary>Editors and admins choose the author and see the publishing controls; Authors submit for review.</summary>
    public required bool CanPublish { get; init; }

    /// <summary>A preview link just created, shown once.</summary>
    public string? NewPreviewUrl { get; init; }
}
