namespace NewsPortal.Web.Domain;

public enum ArticleKind
{
    News = 0,
    Column = 1,
    Editorial = 2,
    Analysis = 3,
}

public enum ArticleStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    Unpublished = 3,
}

public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
}
