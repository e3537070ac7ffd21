using Microsoft.Extensions.Options;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.KeyPoints;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Articles;

/// <summary>Derives what an article shows from its Markdown: safe HTML, excerpt, reading time, key points.</summary>
public sealed class ArticleContentService(IMarkdownRenderer markdown, IOptions<KeyPointsOptions> options)
{
    private readonly int _keyPointCount = options.Value.Count;

    /// <param name="libraryImages">The library images the body shows (<see cref="LibraryImages.FindAsync"/>), for their sizes and alt text.</param>
    public void Refresh(Article article, IReadOnlyDictionary<int, LibraryImage>? libraryImages = null)
    {
        article.BodyHtml = markdown.ToSafeHtml(article.BodyMarkdown, libraryImages);
        var plain = markdown.ToPlainText(article.BodyMarkdown);
        article.Excerpt = ArticleText.Excerpt(plain, 400);
        article.ReadingMinutes = ArticleText.ReadingMinutes(plain);
        article.KeyPoints = string.Join('\n', KeyPointExtractor.Extract(plain, _keyPointCount));
    }
}
