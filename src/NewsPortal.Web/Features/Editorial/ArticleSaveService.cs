using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Creating and editing articles from the form; every save ends in the change publisher.</summary>
public sealed class ArticleSaveService(
    NewsPortalDbContext db,
    ArticleContentService content,
    ArticleChangePublisher changes,
    AuditLog audit,
    EditorialAccess access,
    ArticleValidation validation,
    ArticleSlugs slugs,
    ArticleTranslations translations,
    ArticleTags tags,
    LibraryImages libraryImages,
    TimeProvider clock)
{
    /// <summary>Creates (no <see cref="ArticleEditModel.Id"/>) or updates an article from the form.</summary>
    public async Task<SaveResult> SaveAsync(ArticleEditModel model, Editor editor, CancellationToken cancellationToken)
    {
        Article? article = null;
        if (model.Id is { } id)
        {
            var allowed = await access.CanEditAsync(id, editor, cancellationToken);
            if (allowed != AccessResult.Allowed)
            {
                return new SaveResult { Access = allowed };
            }
            article = await db.Articles.Include(a => a.Tags).FirstAsync(a => a.Id == id, cancellationToken);
            if (article.Version != model.Version)
            {
                return await ConflictAsync(article, model, cancellationToken);
            }
        }
        else if (!editor.CanPublish)
        {
            if (editor.AuthorId is null)
            {
                var denied = new SaveResult();
                denied.Errors[""] = "Your account is not linked to an author profile yet; ask an editor to link it before writing.";
                return denied;
            }
            model.AuthorId = editor.AuthorId.Value;
        }
        if (article is not null && !editor.CanPublish)
        {
            // An Author cannot hand their article to someone else.
            model.AuthorId = article.AuthorId;
        }

        var result = new SaveResult { ArticleId = model.Id };
        await validation.ValidateAsync(model, result.Errors, cancellationToken);
        var slug = await slugs.ResolveAsync(model, result.Errors, cancellationToken);
        var translationGroup = await translations.ResolveAsync(model, editor, result.Errors, cancellationToken);
        var tagNames = ArticleTags.Parse(model.Tags, result.Errors);
        if (result.Errors.Count > 0)
        {
            return result;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var created = article is null;
        var oldSlug = article?.Slug;
        if (article is null)
        {
            article = new Article { Slug = slug, Headline = model.Headline.Trim(), Status = ArticleStatus.Draft, CreatedAt = now };
            db.Articles.Add(article);
        }
        else
        {
            var textChanged = article.Headline != model.Headline.Trim() || article.Dek != (model.Dek ?? "").Trim()
                || article.BodyMarkdown != Normalize(model.BodyMarkdown);
            if (textChanged && article.Status == ArticleStatus.Published)
            {
                article.RevisedAt = now;
            }
            db.Entry(article).Property(a => a.Version).OriginalValue = model.Version;
        }

        Apply(model, article, slug, translationGroup);
        // A hero from the media library is linked by id too, so the library can list and follow its uses.
        var heroAlt = MediaUrls.TryParseId(article.HeroImageUrl) is { } mediaId
            ? await db.Media.Where(m => m.Id == mediaId).Select(m => m.AltText).FirstOrDefaultAsync(cancellationToken)
            : null;
        article.HeroMediaId = heroAlt is not null ? MediaUrls.TryParseId(article.HeroImageUrl) : null;
        // Validation let an empty hero alt through only because the library image has one: the page shows that.
        article.HeroAlt ??= FormText.OrNull(heroAlt);
        article.UpdatedAt = now;
        article.Version = Guid.NewGuid();
        content.Refresh(article, await libraryImages.FindAsync(article.BodyMarkdown, cancellationToken));
        await tags.ApplyAsync(article, tagNames, cancellationToken);
        if (oldSlug is not null && oldSlug != slug)
        {
            await slugs.MoveAsync(article, oldSlug, slug, cancellationToken);
        }
        db.Revisions.Add(new Revision
        {
            Article = article,
            Headline = article.Headline,
            Dek = article.Dek,
            BodyMarkdown = article.BodyMarkdown,
            SavedByUserId = editor.UserId,
            SavedByName = editor.Name,
            SavedAt = now,
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Articles.AsNoTracking().FirstAsync(a => a.Id == article.Id, cancellationToken);
            return await ConflictAsync(current, model, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another save took the slug between our check and this one.
            db.ChangeTracker.Clear();
            var failed = new SaveResult { ArticleId = model.Id };
            failed.Errors[nameof(model.Slug)] = "That slug was just taken by another article; choose another.";
            return failed;
        }

        audit.Add(editor, created ? AuditActions.Created : AuditActions.Edited, nameof(Article), article.Id,
            oldSlug is not null && oldSlug != slug ? $"Slug {oldSlug} → {slug}" : article.Headline);
        await db.SaveChangesAsync(cancellationToken);

        var changedSlugs = oldSlug is not null && oldSlug != slug ? new[] { oldSlug, slug } : [slug];
        await changes.PublishAsync(new ArticleChange(article.Id, created ? ArticleChangeKind.Created : ArticleChangeKind.Edited, changedSlugs), cancellationToken);
        return new SaveResult { ArticleId = article.Id, CurrentVersion = article.Version };
    }

    private async Task<SaveResult> ConflictAsync(Article current, ArticleEditModel mine, CancellationToken cancellationToken)
    {
        var lastSaver = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == current.Id)
            .OrderByDescending(r => r.Id).Select(r => r.SavedByName).FirstOrDefaultAsync(cancellationToken);
        return new SaveResult
        {
            ArticleId = current.Id,
            CurrentVersion = current.Version,
            Conflict = new ConcurrencyConflict
            {
                SavedBy = lastSaver ?? "another editor",
                SavedAt = current.UpdatedAt,
                Headline = current.Headline,
                Dek = current.Dek,
                BodyMarkdown = current.BodyMarkdown,
                BodyDiff = RevisionDiff.Lines(current.BodyMarkdown, Normalize(mine.BodyMarkdown)),
            },
        };
    }

    private static void Apply(ArticleEditModel model, Article article, string slug, Guid? translationGroup)
    {
        article.Slug = slug;
        article.Headline = model.Headline.Trim();
        article.Dek = (model.Dek ?? "").Trim();
        article.BodyMarkdown = Normalize(model.BodyMarkdown);
        article.Kind = model.Kind;
        article.SectionId = model.SectionId;
        article.AuthorId = model.AuthorId;
        article.SourceId = model.SourceId is > 0 ? model.SourceId : null;
        article.WireCredit = FormText.OrNull(model.WireCredit);
        article.OriginalUrl = FormText.OrNull(model.OriginalUrl);
        article.HeroImageUrl = FormText.OrNull(model.HeroImageUrl);
        article.HeroCaption = FormText.OrNull(model.HeroCaption);
        article.HeroCredit = FormText.OrNull(model.HeroCredit);
        article.HeroAlt = FormText.OrNull(model.HeroAlt);
        article.Language = model.Language;
        article.TranslationGroup = translationGroup;
    }

    /// <summary>Line endings as browsers post them differ; the stored body and its revisions use "\n".</summary>
    private static string Normalize(string? markdown) => (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
