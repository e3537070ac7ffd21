using NewsPortal.Web.Domain;

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

/// <summary>One comment as readers see it: the body already encoded to safe HTML. Never the email.</summary>
public sealed record CommentItem(int Id, string DisplayName, string BodyHtml, DateTime CreatedAt);

/// <summary>The article page's comments block.</summary>
public sealed record CommentThread(
    int ArticleId,
    string ArticleSlug,
    IReadOnlyList<CommentItem> Approved,
    IReadOnlyList<CommentItem> OwnPending,
    bool Closed,
    int MaxLength,
    bool Held);

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
