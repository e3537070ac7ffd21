namespace NewsPortal.Web.Features.Comments;

/// <summary>What happens to a reader's comment when it is posted: <c>Comments:Moderation</c>.</summary>
public enum CommentModeration
{
    /// <summary>Every comment waits in <c>/admin/comments</c> until an editor approves it (the default).</summary>
    HoldAll = 0,

    /// <summary>Comments are shown at once; editors can still mark them as spam or delete them.</summary>
    PublishAtOnce = 1,

    /// <summary>The short spelling of <see cref="HoldAll"/> used in the configuration table.</summary>
    Hold = HoldAll,

    /// <summary>The short spelling of <see cref="PublishAtOnce"/>.</summary>
    Publish = PublishAtOnce,
}

/// <summary>The <c>Comments</c> section.</summary>
public sealed class CommentsOptions
{
    public const string Section = "Comments";

    /// <summary>Longest body a reader may post, in characters. Default 2,000.</summary>
    public int MaxLength { get; set; } = 2000;

    public CommentModeration Moderation { get; set; } = CommentModeration.HoldAll;

    /// <summary>A form sent sooner than this after it was shown is taken for a bot's and dropped. Default 3.</summary>
    public int MinFillSeconds { get; set; } = 3;

    /// <summary>How long a shown form stays valid, in hours. Default 24.</summary>
    public int MaxFormAgeHours { get; set; } = 24;

    /// <summary>Comment posts per client address (IPv4 address or IPv6 /64) per window; then 429. Default 10.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>The window of <see cref="PermitLimit"/>, in seconds. Default 60.</summary>
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));

    /// <summary>
    /// Approved comments the article page shows (the first ones, oldest first), and comments per discussion page
    /// (<c>/articles/{slug}/comments/all</c>). Default 50, from <see cref="MinPageSize"/> to <see cref="MaxPageSize"/>.
    /// </summary>
    public int PageSize { get; set; } = 50;

    public const int MinPageSize = 1;
    public const int MaxPageSize = 500;

    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 256;
}
