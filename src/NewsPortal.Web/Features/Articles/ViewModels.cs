using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Articles;

public sealed record ArticleCard(
    string Slug,
    string Headline,
    ArticleKind Kind,
    string Summary,
    string AuthorName,
    string AuthorSlug,
    string SectionName,
    string SectionSlug,
    string? SourceName,
    string? WireCredit,
    DateTime PublishedAt,
    string? HeroImageUrl,
    string? HeroAlt,
    string Language);

public sealed record TagLink(string Slug, string Name);

public sealed record CommentView(int Id, string DisplayName, string Body, DateTime CreatedAt);

public sealed record TranslationLink(string Slug, string Language, string Headline);

public sealed class ArticlePage
{
    public required int Id { get; init; }
    public required string Slug { get; init; }
    public required ArticleKind Kind { get; init; }
    public required string Headline { get; init; }
    public required string Dek { get; init; }
    public required string BodyHtml { get; init; }
    public required string Excerpt { get; init; }
    public required IReadOnlyList<string> KeyPoints { get; init; }
    public required int ReadingMinutes { get; init; }
    public required string AuthorName { get; init; }
    public required string AuthorSlug { get; init; }
    public required string SectionName { get; init; }
    public required string SectionSlug { get; init; }
    public string? SourceName { get; init; }
    public string? SourceUrl { get; init; }
    public string? WireCredit { get; init; }
    public string? OriginalUrl { get; init; }
    public string? HeroImageUrl { get; init; }
    public string? HeroCaption { get; init; }
    public string? HeroCredit { get; init; }
    public string? HeroAlt { get; init; }
    public required string Language { get; init; }
    public required DateTime PublishedAt { get; init; }
    public DateTime? RevisedAt { get; init; }
    public required IReadOnlyList<TagLink> Tags { get; init; }
    public required IReadOnlyList<ArticleCard> Related { get; init; }
    /// <summary>The first approved comments, oldest first: at most <c>Comments:PageSize</c> of them.</summary>
    public required IReadOnlyList<CommentView> Comments { get; init; }

    /// <summary>Every approved comment of the article, shown or not: the heading's count and JSON-LD's <c>commentCount</c>.</summary>
    public required int CommentCount { get; init; }

    /// <summary>An editor closed the article to new comments.</summary>
    public bool CommentsClosed { get; init; }
    public required IReadOnlyList<TranslationLink> Translations { get; init; }

    /// <summary>True when shown through a preview link: never indexed.</summary>
    public bool IsPreview { get; init; }
}

public sealed class ListingPage : IPaged
{
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<ArticleCard> Articles { get; init; }
    public required int Page { get; init; }
    public required int TotalPages { get; init; }
    public required string BasePath { get; init; }

    public string PreviousLabel => "Newer";
    public string NextLabel => "Older";
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < TotalPages;
}

public sealed class AuthorPage
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string BioHtml { get; init; }
    public string? PhotoUrl { get; init; }
    public bool IsColumnist { get; init; }
    public string? ColumnName { get; init; }
    public required ListingPage Listing { get; init; }
}

public sealed record ColumnistSummary(string Slug, string Name, string? ColumnName, string? PhotoUrl, IReadOnlyList<ArticleCard> Latest);

public sealed class HomePage
{
    public ArticleCard? Lead { get; init; }
    public required IReadOnlyList<ArticleCard> TopStories { get; init; }
    public required IReadOnlyList<ArticleCard> Columns { get; init; }
    public required ListingPage Latest { get; init; }
}
