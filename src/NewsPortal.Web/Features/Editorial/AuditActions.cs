namespace NewsPortal.Web.Features.Editorial;

/// <summary>The audit log's words for what happened to an article; the dashboard finds review requests by them.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Edited = "Edited";
    public const string Submitted = "Submitted for review";
    public const string Published = "Published";
    public const string Scheduled = "Scheduled";
    public const string Unscheduled = "Schedule cancelled";
    public const string Unpublished = "Unpublished";
    public const string Restored = "Restored revision";
    public const string CommentApproved = "Comment approved";
    public const string CommentSpam = "Comment marked as spam";
    public const string CommentDeleted = "Comment deleted";
    public const string CommentsClosed = "Comments closed";
    public const string CommentsOpened = "Comments opened";
}

/// <summary>The audit log's words for what happened to a media library image.</summary>
public static class MediaAuditActions
{
    public const string EntityType = "Media";
    public const string Uploaded = "Uploaded image";
    public const string Edited = "Edited image details";
    public const string Replaced = "Replaced image";
    public const string Deleted = "Deleted image";
}
