using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.TestSupport;

/// <summary>Builds a test's own article on top of whatever author and section exist.</summary>
public sealed class ArticleBuilder
{
    private readonly Article _article;

    private ArticleBuilder(string slug)
    {
        _article = new Article
        {
            Slug = slug,
            Headline = $"Headline for {slug}",
            Dek = "A dek written for a test.",
            BodyMarkdown = "First sentence of the test body is here. Second sentence follows it closely.",
            Status = ArticleStatus.Published,
        };
    }

    public static ArticleBuilder Article(string? slug = null) => new(slug ?? "test-" + Guid.NewGuid().ToString("N")[..12]);

    public ArticleBuilder WithStatus(ArticleStatus status) { _article.Status = status; return this; }

    public ArticleBuilder PublishedAt(DateTime utc) { _article.PublishedAt = utc; return this; }

    public ArticleBuilder WithHeadline(string headline) { _article.Headline = headline; return this; }

    public ArticleBuilder WithDek(string dek) { _article.Dek = dek; return this; }

    public ArticleBuilder WithBody(string markdown) { _article.BodyMarkdown = markdown; return this; }

    public ArticleBuilder WithKind(ArticleKind kind) { _article.Kind = kind; return this; }

    public async Task<Article> SaveAsync(NewsPortalDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        _article.AuthorId = await db.Authors.Select(a => a.Id).FirstAsync();
        _article.SectionId = await db.Sections.Select(s => s.Id).FirstAsync();
        _article.CreatedAt = now;
        _article.UpdatedAt = now;
        if (_article.Status == ArticleStatus.Published)
        {
            _article.PublishedAt ??= now.AddMinutes(-5);
        }
        new NewsPortal.Web.Features.Articles.ArticleContentService(
            new NewsPortal.Web.Features.Markdown.MarkdownRenderer(),
            Microsoft.Extensions.Options.Options.Create(new NewsPortal.Web.Features.KeyPoints.KeyPointsOptions())).Refresh(_article);
        db.Articles.Add(_article);
        await db.SaveChangesAsync();
        return _article;
    }
}
