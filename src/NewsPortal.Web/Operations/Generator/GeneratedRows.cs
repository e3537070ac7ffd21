using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Operations.Generator;

/// <summary>A body with everything <see cref="Articles.ArticleContentService"/> derives from it, shared by many articles.</summary>
public sealed record GeneratedBody(string Markdown, string Html, string Excerpt, string KeyPoints, int ReadingMinutes);

/// <summary>One generated article row, with its explicit id so related links can point at earlier rows.</summary>
public sealed record GeneratedArticle(
    int Id, string Slug, ArticleKind Kind, string Headline, string Dek, GeneratedBody Body, int AuthorId, int SectionId,
    int? SourceId, string? WireCredit, string? HeroImageUrl, string? HeroCaption, string? HeroCredit, string? HeroAlt,
    string Language, Guid? TranslationGroup, ArticleStatus Status, DateTime? PublishedAt, DateTime CreatedAt,
    DateTime UpdatedAt, DateTime? RevisedAt, Guid Version);

public sealed record GeneratedRevision(string Headline, string Dek, string BodyMarkdown, string SavedByName, DateTime SavedAt);

public sealed record GeneratedComment(string DisplayName, string Email, string Body, CommentStatus Status, DateTime CreatedAt);

/// <summary>
/// Everything written for one article: the article, its first revision, its tags, its curated
/// related articles (position = index in the list) and its comments.
/// </summary>
public sealed record PlannedArticle(
    GeneratedArticle Article,
    GeneratedRevision Revision,
    IReadOnlyList<int> TagIds,
    IReadOnlyList<int> RelatedArticleIds,
    IReadOnlyList<GeneratedComment> Comments);
