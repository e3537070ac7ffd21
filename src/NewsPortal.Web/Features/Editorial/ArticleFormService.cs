using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>What the article form starts from: a new or stored article, its choices and the state shown around it.</summary>
public sealed class ArticleFormService(NewsPortalDbContext db, TimeProvider clock)
{
    public async Task<ArticleFormOptions> GetOptionsAsync(CancellationToken cancellationToken) => new()
    {
        Sections = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new Option(s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToListAsync(cancellationToken),
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new Option(a.Id.ToString(CultureInfo.InvariantCulture), a.Name)).ToListAsync(cancellationToken),
        Sources = await db.Sources.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new Option(s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToListAsync(cancellationToken),
    };

    public async Task<ArticleEditModel> NewModelAsync(Editor editor, CancellationToken cancellationToken) => new()
    {
        AuthorId = editor.AuthorId ?? 0,
        SectionId = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken),
        Language = "en",
    };

    public async Task<ArticleEditModel?> GetEditModelAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                Model = new ArticleEditModel
                {
                    Id = a.Id, Version = a.Version, Headline = a.Headline, Dek = a.Dek, BodyMarkdown = a.BodyMarkdown,
                    Slug = a.Slug, Kind = a.Kind, SectionId = a.SectionId, AuthorId = a.AuthorId, SourceId = a.SourceId,
                    WireCredit = a.WireCredit, OriginalUrl = a.OriginalUrl, HeroImageUrl = a.HeroImageUrl,
                    HeroCaption = a.HeroCaption, HeroCredit = a.HeroCredit, HeroAlt = a.HeroAlt, Language = a.Language,
                    CommentsClosed = a.CommentsClosed,
                },
                a.TranslationGroup,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var model = article.Model;
        model.Tags = string.Join(", ", await db.ArticleTags.AsNoTracking().Where(t => t.ArticleId == id)
            .OrderBy(t => t.Tag!.Name).Select(t => t.Tag!.Name).ToListAsync(cancellationToken));
        if (article.TranslationGroup is { } group)
        {
            model.TranslationOf = await db.Articles.AsNoTracking()
                .Where(a => a.TranslationGroup == group && a.Id != id).OrderBy(a => a.Id)
                .Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
        }
        return model;
    }

    public async Task<ArticleEditState?> GetStateAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Id, a.Slug, a.Status, a.PublishedAt, a.UpdatedAt, a.Kind, a.Headline, AuthorName = a.Author!.Name, a.TranslationGroup })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }
        var lastAction = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Article) && e.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(e => e.Id).Select(e => e.Action).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.PreviewLinks.AsNoTracking().Where(p => p.ArticleId == id).OrderByDescending(p => p.Id)
            .Select(p => new PreviewLinkView(p.Id, p.CreatedAt, p.ExpiresAt, p.RevokedAt == null && p.ExpiresAt > now, p.CreatedBy))
            .ToListAsync(cancellationToken);
        var translations = article.TranslationGroup is { } group
            ? await db.Articles.AsNoTracking().Where(a => a.TranslationGroup == group && a.Id != id)
                .OrderBy(a => a.Language).Select(a => new Option(a.Id.ToString(CultureInfo.InvariantCulture), a.Language + ": " + a.Headline))
                .ToListAsync(cancellationToken)
            : [];
        return new ArticleEditState
        {
            Id = article.Id,
            Slug = article.Slug,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            UpdatedAt = article.UpdatedAt,
            DisplayHeadline = ArticleHeadline.Display(article.Kind, article.AuthorName, article.Headline),
            SubmittedForReview = article.Status == ArticleStatus.Draft && lastAction == AuditActions.Submitted,
            PreviewLinks = links,
            Translations = translations,
        };
    }
}
