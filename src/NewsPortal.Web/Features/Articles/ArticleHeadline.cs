using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Articles;

public static class ArticleHeadline
{
    /// <summary>A column shows its columnist in brackets: "[Lee Kyong-hee] Pressure mounts…".</summary>
    public static string Display(ArticleKind kind, string authorName, string headline) =>
        kind == ArticleKind.Column ? $"[{authorName}] {headline}" : headline;
}
