namespace NewsPortal.Web.Features.Articles;

/// <summary>The <c>Related</c> section as the article page reads it.</summary>
public sealed class RelatedDisplayOptions
{
    /// <summary><c>Related:Count</c>: cards in "Related Articles", clamped to 1..20 where it is read.</summary>
    public int Count { get; set; } = 5;
}
