using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Comments;

/// <summary>The comment form as posted. <see cref="Website"/> is the honeypot: hidden from people, filled by bots.</summary>
public sealed class CommentForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Body { get; set; }
    public string? Website { get; set; }
    public string? Started { get; set; }
}

/// <summary>
/// One comment as readers see it (<c>Views/Articles/_Comment</c>): the body already encoded to safe HTML. Never the email.
/// <see cref="Pending"/>: the reader's own comment awaiting moderation, shown only to them.
/// </summary>
public sealed record CommentItem(int Id, string DisplayName, string BodyHtml, DateTime CreatedAt, bool Pending = false);

/// <summary>
/// The article page's comments block: the first <see cref="Approved"/> comments (<c>Comments:PageSize</c>) of
/// <see cref="Total"/>; <see cref="AllCommentsUrl"/> links to the discussion pages when there are more.
/// </summary>
public sealed record CommentThread(
    int ArticleId,
    string ArticleSlug,
    IReadOnlyList<CommentItem> Approved,
    int Total,
    IReadOnlyList<CommentItem> OwnPending,
    bool Closed,
    int MaxLength,
    bool Held,
    string? AllCommentsUrl);

/// <summary>
/// One page of an article's discussion (<c>/articles/{slug}/comments/all?page=N</c>): its approved comments, oldest
/// first, <c>Comments:PageSize</c> a page, under the article's headline.
/// </summary>
public sealed record CommentDiscussion(
    string ArticleSlug,
    string ArticleHeadline,
    string Language,
    int Total,
    IReadOnlyList<CommentItem> Comments,
    int Page,
    int TotalPages) : IPaged
{
    public static string PathFor(string slug) => $"/articles/{slug}/comments/all";

    public string BasePath => PathFor(ArticleSlug);
    public string PreviousLabel => "Earlier comments";
    public string NextLabel => "Later comments";
}

/// <summary>The comment page: the form re-shown with the reader's text and what to fix, or the closed notice.</summary>
public sealed record CommentFormPage(
    string ArticleSlug,
    string ArticleHeadline,
    bool Closed,
    CommentForm Form,
    IReadOnlyDictionary<string, string> Errors,
    string? Notice,
    int MaxLength,
    bool Held);

public enum PostOutcome
{
    Posted,
    Dropped,
    Invalid,
    NotFound,
    Closed,
}

public sealed record PostResult(PostOutcome Outcome, int? CommentId = null, bool Pending = false, IReadOnlyDictionary<string, string>? Errors = null, string? Notice = null);

public enum ModerationOperation
{
    Approve,
    Spam,
    Delete,
}

public sealed record ModerationRow(
    int Id,
    int ArticleId,
    string ArticleSlug,
    string ArticleHeadline,
    bool ArticleCommentsClosed,
    string DisplayName,
    string Email,
    string Body,
    CommentStatus Status,
    DateTime CreatedAt,
    string? ModeratedBy,
    DateTime? ModeratedAt);

public sealed record ModerationList(
    IReadOnlyList<ModerationRow> Rows,
    int Page,
    int TotalPages,
    int Pending,
    int Approved,
    int Spam);

public sealed record ArticleCommentState(int Id, string Slug, string Headline, bool Closed);

/// <summary>The comment form wherever it is shown. Without <see cref="WithToken"/> (the cached article page) the token and ticket are fetched by <c>comments.js</c>, or the post re-shows the form with them.</summary>
public sealed record CommentFormView(
    string Slug,
    CommentForm Form,
    IReadOnlyDictionary<string, string> Errors,
    int MaxLength,
    bool Held,
    bool WithToken,
    string? Notice = null);
