namespace NewsPortal.Web.Domain;

/// <summary>An editor-curated link from an article to a related one, in the editor's order.</summary>
public class RelatedLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int RelatedArticleId { get; set; }
    public Article? RelatedArticle { get; set; }
    public int Position { get; set; }
}

/// <summary>A precomputed automatic related-article pick, best score first.</summary>
public class AutomaticRelatedLink
{
    public int ArticleId { get; set; }
    public int RelatedArticleId { get; set; }
    public Article? RelatedArticle { get; set; }
    public double Score { get; set; }
    public int Position { get; set; }
}

/// <summary>An automatic pick an editor has ruled out for an article.</summary>
public class RelatedExclusion
{
    public int ArticleId { get; set; }
    public int ExcludedArticleId { get; set; }
}
