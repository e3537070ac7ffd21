namespace NewsPortal.Web.Domain;

/// <summary>
/// An address an imported article had on the site it came from (WordPress <c>/2024/05/slug/</c>,
/// <c>/slug/</c>, <c>?p=123</c>; Ghost <c>/slug/</c>), kept so old links answer 301 to the article here.
/// </summary>
public class LegacyPermalink
{
    public int Id { get; set; }

    /// <summary>
    /// The decoded path without its trailing slash (<c>/2024/05/slug</c>; case kept), or a WordPress id
    /// query as its own key (<c>?p=123</c>). Unique: one old address leads to one article.
    /// </summary>
    public required string Path { get; set; }

    public int ArticleId { get; set; }
    public Article? Article { get; set; }
}
