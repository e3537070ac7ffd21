using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Web.Features.Articles;

/// <summary>The article page: the article, its tags, first comments, translations and related cards; old slugs' redirects.</summary>
public sealed class ArticlePageService(
    NewsPortalDbContext db,
    PublishedArticles published,
    IOptions<RelatedDisplayOptions> options,
    IOptions<CommentsOptions> commentOptions)
{
    private readonly int _relatedCount = Math.Clamp(options.Value.Count, 1, 20);
    private readonly int _commentPageSize = commentOptions.Value.PageSize;

    public Task<ArticlePage?> GetArticleAsync(string slug, CancellationToken cancellationToken) =>
        BuildArticlePageAsync(published.Query().Where(a => a.Slug == slug), isPreview: false, cancellationToken);

    /// <summary>The current slug of a published article that used to be at <paramref name="oldSlug"/>.</summary>
    public Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken) =>
        db.ArticleSlugRedirects.AsNoTracking()
            .Where(r => r.Slug == oldSlug)
            .Join(published.Query(), r => r.ArticleId, a => a.Id, (r, a) => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Builds the page for any article, published or not: callers decide who may see it.</summary>
    public Task<ArticlePage?> BuildArticlePageAsync(int articleId, bool isPreview, CancellationToken cancellationToken) =>
        BuildArticlePageAsync(db.Articles.AsNoTracking().Where(a => a.Id == articleId), isPreview, cancellationToken);

    /// <summary>A fixed number of queries whatever the article: itself, tags, comments (and their count when there are more), translations, related.</summary>
    private async Task<ArticlePage?> BuildArticlePageAsync(IQueryable<Article> source, bool isPreview, CancellationToken cancellationToken)
    {
        var article = await source
            .Select(a => new
            {
                a.Id, a.Slug, a.Kind, a.Headline, a.Dek, a.BodyHtml, a.Excerpt, a.KeyPoints, a.ReadingMinutes,
                AuthorName = a.Author!.Name, AuthorSlug = a.Author.Slug,
                SectionName = a.Section!.Name, SectionSlug = a.Section.Slug,
                SourceName = a.Source != null ? a.Source.Name : null,
                SourceUrl = a.Source != null ? a.Source.HomepageUrl : null,
                a.WireCredit, a.OriginalUrl, a.HeroImageUrl, a.HeroCaption, a.HeroCredit, a.HeroAlt,
                a.Language, a.PublishedAt, a.CreatedAt, a.RevisedAt, a.TranslationGroup, a.CommentsClosed,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var articleId = article.Id;

        var tags = await db.ArticleTags.AsNoTracking()
            .Where(t => t.ArticleId == articleId)
            .OrderBy(t => t.Tag!.Name)
            .Select(t => new TagLink(t.Tag!.Slug, t.Tag.Name))
            .ToListAsync(cancellationToken);

        // The first page of comments only, so a popular article's page (and its cached copy) stays the same size
        // however many are approved; the rest are on the discussion pages. The count runs only when the page is
        // full, over the same index (IX_Comments_ArticleId_Status_CreatedAt).
        var approved = db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved);
        var comments = await approved
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(_commentPageSize)
            .Select(c => new CommentView(c.Id, c.DisplayName, c.Body, c.CreatedAt))
            .ToListAsync(cancellationToken);
        var commentCount = comments.Count < _commentPageSize ? comments.Count : await approved.CountAsync(cancellationToken);

        var translations = article.TranslationGroup is { } group
            ? await published.Query()
                .Where(a => a.TranslationGroup == group && a.Id != articleId)
                .OrderBy(a => a.Language)
                .Select(a => new TranslationLink(a.Slug, a.Language, a.Headline))
                .ToListAsync(cancellationToken)
            : [];

        return new ArticlePage
        {
            Id = article.Id,
            Slug = article.Slug,
            Kind = article.Kind,
            Headline = ArticleHeadline.Display(article.Kind, article.AuthorName, article.Headline),
            Dek = article.Dek,
            BodyHtml = article.BodyHtml,
            Excerpt = article.Excerpt,
            KeyPoints = article.KeyPoints.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ReadingMinutes = article.ReadingMinutes,
            AuthorName = article.AuthorName,
            AuthorSlug = article.AuthorSlug,
            SectionName = article.SectionName,
            SectionSlug = article.SectionSlug,
            SourceName = article.SourceName,
            SourceUrl = article.SourceUrl,
            WireCredit = article.WireCredit,
            OriginalUrl = article.OriginalUrl,
            HeroImageUrl = article.HeroImageUrl,
            HeroCaption = article.HeroCaption,
            HeroCredit = article.HeroCredit,
            HeroAlt = article.HeroAlt,
            Language = article.Language,
            PublishedAt = article.PublishedAt ?? article.CreatedAt,
            RevisedAt = article.RevisedAt,
            Tags = tags,
            Related = await GetRelatedCardsAsync(articleId, cancellationToken),
            Comments = comments,
            CommentCount = commentCount,
            CommentsClosed = article.CommentsClosed,
            Translations = translations,
            IsPreview = isPreview,
        };
    }

    /// <summary>Editor-curated links in their order, then precomputed automatic picks up to the configured count.</summary>
    public async Task<IReadOnlyList<ArticleCard>> GetRelatedCardsAsync(int articleId, CancellationToken cancellationToken)
    {
        var publishedArticles = published.Query();
        var curated = await db.RelatedLinks.AsNoTracking()
            .Where(r => r.ArticleId == articleId)
            .Join(publishedArticles, r => r.RelatedArticleId, a => a.Id, (r, a) => new { r.Position, Article = a })
            .OrderBy(x => x.Position)
            .Select(x => x.Article)
            .Select(ArticleCards.Projection)
            .ToListAsync(cancellationToken);

        var missing = _relatedCount - curated.Count;
        if (missing <= 0)
        {
            return curated;
        }

        var automatic = await db.AutomaticRelatedLinks.AsNoTracking()
            .Where(r => r.ArticleId == articleId
                && !db.RelatedLinks.Any(c => c.ArticleId == articleId && c.RelatedArticleId == r.RelatedArticleId)
                && !db.RelatedExclusions.Any(e => e.ArticleId == articleId && e.ExcludedArticleId == r.RelatedArticleId))
            .Join(publishedArticles, r => r.RelatedArticleId, a => a.Id, (r, a) => new { r.Position, Article = a })
            .OrderBy(x => x.Position)
            .Take(missing)
            .Select(x => x.Article)
            .Select(ArticleCards.Projection)
            .ToListAsync(cancellationToken);

        return [.. curated, .. automatic];
    }
}
