using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Creating, editing and moving articles through the workflow; every save path ends in the change publisher.</summary>
public sealed class ArticleEditorService(
    NewsPortalDbContext db,
    ArticleContentService content,
    ArticleChangePublisher changes,
    AuditLog audit,
    EditorialAccess access,
    TimeProvider clock)
{
    public const int PageSize = 25;
    private const int MaxTags = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ArticleFormOptions> GetOptionsAsync(CancellationToken cancellationToken) => new()
    {
        Sections = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new Option(s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToListAsync(cancellationToken),
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new Option(a.Id.ToString(CultureInfo.InvariantCulture), a.Name)).ToListAsync(cancellationToken),
        Sources = await db.Sources.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new Option(s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToListAsync(cancellationToken),
    };

    public async Task<ArticleListPage> ListAsync(ArticleListQuery query, Editor editor, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking();
        if (!editor.CanPublish)
        {
            // Authors see their own work only.
            articles = articles.Where(a => a.AuthorId == editor.AuthorId);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            articles = articles.Where(a => a.Headline.Contains(q) || a.Slug.Contains(q) || a.Dek.Contains(q));
        }
        if (query.Status is { } status)
        {
            articles = articles.Where(a => a.Status == status);
        }
        if (query.SectionId is { } sectionId)
        {
            articles = articles.Where(a => a.SectionId == sectionId);
        }
        if (query.AuthorId is { } authorId)
        {
            articles = articles.Where(a => a.AuthorId == authorId);
        }
        if (query.Kind is { } kind)
        {
            articles = articles.Where(a => a.Kind == kind);
        }
        var total = await articles.CountAsync(cancellationToken);
        var items = await articles
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleListItem(a.Id, a.Slug, a.Headline, a.Kind, a.Status, a.Author!.Name, a.Section!.Name,
                a.PublishedAt, a.UpdatedAt, a.Language))
            .ToListAsync(cancellationToken);
        return new ArticleListPage
        {
            Query = query,
            Items = items,
            Total = total,
            TotalPages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Options = await GetOptionsAsync(cancellationToken),
        };
    }

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
        var now = Now;
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
        await ValidateAsync(model, result, cancellationToken);
        var slug = await ResolveSlugAsync(model, result, cancellationToken);
        var translationGroup = await ResolveTranslationAsync(model, result, cancellationToken);
        var tags = ParseTags(model.Tags, result);
        if (result.Errors.Count > 0)
        {
            return result;
        }

        var now = Now;
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
        article.UpdatedAt = now;
        article.Version = Guid.NewGuid();
        content.Refresh(article);
        await ApplyTagsAsync(article, tags, cancellationToken);
        if (oldSlug is not null && oldSlug != slug)
        {
            await MoveSlugAsync(article, oldSlug, slug, cancellationToken);
        }
        var revision = new Revision
        {
            Article = article,
            Headline = article.Headline,
            Dek = article.Dek,
            BodyMarkdown = article.BodyMarkdown,
            SavedByUserId = editor.UserId,
            SavedByName = editor.Name,
            SavedAt = now,
        };
        db.Revisions.Add(revision);

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
        catch (DbUpdateException)
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

        var slugs = oldSlug is not null && oldSlug != slug ? new[] { oldSlug, slug } : [slug];
        await changes.PublishAsync(new ArticleChange(article.Id, created ? ArticleChangeKind.Created : ArticleChangeKind.Edited, slugs), cancellationToken);
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
                BodyDiff = Diff(current.BodyMarkdown, Normalize(mine.BodyMarkdown)),
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
        article.WireCredit = Clean(model.WireCredit);
        article.OriginalUrl = Clean(model.OriginalUrl);
        article.HeroImageUrl = Clean(model.HeroImageUrl);
        article.HeroCaption = Clean(model.HeroCaption);
        article.HeroCredit = Clean(model.HeroCredit);
        article.HeroAlt = Clean(model.HeroAlt);
        article.Language = model.Language;
        article.TranslationGroup = translationGroup;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Normalize(string? markdown) => (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private async Task ValidateAsync(ArticleEditModel model, SaveResult result, CancellationToken cancellationToken)
    {
        var headline = model.Headline?.Trim() ?? "";
        if (headline.Length == 0)
        {
            result.Errors[nameof(model.Headline)] = "Write a headline.";
        }
        else if (headline.StartsWith('['))
        {
            result.Errors[nameof(model.Headline)] = "Don't type a name in brackets: a column shows its columnist as [Name] automatically.";
        }
        if (!Enum.IsDefined(model.Kind))
        {
            result.Errors[nameof(model.Kind)] = "Choose a kind.";
        }
        if (!await db.Sections.AnyAsync(s => s.Id == model.SectionId, cancellationToken))
        {
            result.Errors[nameof(model.SectionId)] = "Choose a section.";
        }
        if (!await db.Authors.AnyAsync(a => a.Id == model.AuthorId, cancellationToken))
        {
            result.Errors[nameof(model.AuthorId)] = "Choose an author.";
        }
        if (model.SourceId is > 0 && !await db.Sources.AnyAsync(s => s.Id == model.SourceId, cancellationToken))
        {
            result.Errors[nameof(model.SourceId)] = "Choose a source from the list, or none.";
        }
        if (ArticleFormOptions.Languages.All(l => l.Value != model.Language))
        {
            result.Errors[nameof(model.Language)] = "Choose a language from the list.";
        }
        if (!IsWebUrl(model.OriginalUrl, allowLocal: false))
        {
            result.Errors[nameof(model.OriginalUrl)] = "The original URL must be a full http:// or https:// address.";
        }
        if (!IsWebUrl(model.HeroImageUrl, allowLocal: true))
        {
            result.Errors[nameof(model.HeroImageUrl)] = "The image URL must be an https:// address or a path on this site starting with /.";
        }
        if (!string.IsNullOrWhiteSpace(model.HeroImageUrl) && string.IsNullOrWhiteSpace(model.HeroAlt))
        {
            result.Errors[nameof(model.HeroAlt)] = "Describe the image for readers who cannot see it (alt text).";
        }
    }

    public static bool IsWebUrl(string? value, bool allowLocal)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        value = value.Trim();
        if (allowLocal && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal))
        {
            return Uri.TryCreate(value, UriKind.Relative, out _);
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }

    private async Task<string> ResolveSlugAsync(ArticleEditModel model, SaveResult result, CancellationToken cancellationToken)
    {
        var typed = model.Slug?.Trim().ToLowerInvariant() ?? "";
        if (typed.Length > 0)
        {
            if (!ArticleText.IsValidSlug(typed))
            {
                result.Errors[nameof(model.Slug)] = "A slug uses lowercase letters a–z, digits and single hyphens, e.g. pressure-mounts-on-detente.";
                return typed;
            }
            if (await SlugTakenAsync(typed, model.Id, cancellationToken))
            {
                result.Errors[nameof(model.Slug)] = $"The slug '{typed}' is already used by another article.";
            }
            return typed;
        }
        if (model.Id is { } id)
        {
            // Clearing the slug of an existing article keeps the one it has.
            return await db.Articles.Where(a => a.Id == id).Select(a => a.Slug).FirstAsync(cancellationToken);
        }
        var baseSlug = ArticleText.Slugify(model.Headline ?? "");
        if (baseSlug.Length == 0)
        {
            // Headlines without Latin letters (Korean) get a dated slug.
            baseSlug = "article-" + Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }
        var candidate = baseSlug;
        for (var n = 2; await SlugTakenAsync(candidate, null, cancellationToken); n++)
        {
            candidate = $"{baseSlug}-{n}";
        }
        return candidate;
    }

    private async Task<bool> SlugTakenAsync(string slug, int? articleId, CancellationToken cancellationToken) =>
        await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != articleId, cancellationToken)
        || await db.ArticleSlugRedirects.AnyAsync(r => r.Slug == slug && r.ArticleId != articleId, cancellationToken);

    private async Task MoveSlugAsync(Article article, string oldSlug, string newSlug, CancellationToken cancellationToken)
    {
        // Going back to an earlier slug: it is the address again, not a redirect.
        await db.ArticleSlugRedirects.Where(r => r.Slug == newSlug && r.ArticleId == article.Id).ExecuteDeleteAsync(cancellationToken);
        if (!await db.ArticleSlugRedirects.AnyAsync(r => r.Slug == oldSlug, cancellationToken))
        {
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { Slug = oldSlug, Article = article });
        }
    }

    private async Task<Guid?> ResolveTranslationAsync(ArticleEditModel model, SaveResult result, CancellationToken cancellationToken)
    {
        var slug = model.TranslationOf?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug))
        {
            return null;
        }
        var other = await db.Articles.Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Language, a.TranslationGroup }).FirstOrDefaultAsync(cancellationToken);
        if (other is null)
        {
            result.Errors[nameof(model.TranslationOf)] = $"No article has the slug '{slug}'.";
            return null;
        }
        if (other.Id == model.Id)
        {
            result.Errors[nameof(model.TranslationOf)] = "An article cannot be a translation of itself.";
            return null;
        }
        if (other.Language == model.Language)
        {
            result.Errors[nameof(model.TranslationOf)] = "That article is in the same language; a translation links different languages.";
            return null;
        }
        if (other.TranslationGroup is { } group)
        {
            return group;
        }
        var newGroup = Guid.NewGuid();
        await db.Articles.Where(a => a.Id == other.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.TranslationGroup, newGroup), cancellationToken);
        return newGroup;
    }

    private static List<string> ParseTags(string? raw, SaveResult result)
    {
        var names = (raw ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.TrimStart('#').Trim())
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (names.Count > MaxTags)
        {
            result.Errors["Tags"] = $"At most {MaxTags} tags.";
        }
        else if (names.FirstOrDefault(n => n.Length > 60) is { } tooLong)
        {
            result.Errors["Tags"] = $"The tag '{tooLong[..20]}…' is longer than 60 characters.";
        }
        return names;
    }

    private async Task ApplyTagsAsync(Article article, List<string> names, CancellationToken cancellationToken)
    {
        var tags = new List<Tag>();
        foreach (var name in names)
        {
            tags.Add(await FindOrCreateTagAsync(db, name, cancellationToken));
        }
        article.Tags.RemoveAll(t => !tags.Any(tag => tag.Id == t.TagId && tag.Id != 0));
        foreach (var tag in tags.Where(tag => tag.Id == 0 || article.Tags.All(t => t.TagId != tag.Id)))
        {
            article.Tags.Add(new ArticleTag { Article = article, Tag = tag });
        }
    }

    /// <summary>A tag by name (case-insensitive) or a new one; names without Latin letters get a stable fallback slug.</summary>
    public static async Task<Tag> FindOrCreateTagAsync(NewsPortalDbContext db, string name, CancellationToken cancellationToken)
    {
        var local = db.Tags.Local.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (local is not null)
        {
            return local;
        }
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL; string.Equals with a comparison does not translate.
        var existing = await db.Tags.FirstOrDefaultAsync(t => t.Name.ToLower() == lower, cancellationToken);
#pragma warning restore CA1862
        if (existing is not null)
        {
            return existing;
        }
        var slug = TagSlug(name);
        var candidate = slug;
        for (var n = 2; await db.Tags.AnyAsync(t => t.Slug == candidate, cancellationToken) || db.Tags.Local.Any(t => t.Slug == candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        var tag = new Tag { Name = name, Slug = candidate };
        db.Tags.Add(tag);
        return tag;
    }

    public static string TagSlug(string name)
    {
        var slug = ArticleText.Slugify(name);
        if (slug.Length > 0)
        {
            return slug;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.Normalize(NormalizationForm.FormC)));
        return "tag-" + Convert.ToHexStringLower(hash)[..10];
    }

    public static IReadOnlyList<DiffLine> Diff(string before, string after)
    {
        var diff = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        return diff.Lines.Select(l => new DiffLine(
            l.Type switch
            {
                ChangeType.Inserted => DiffLineKind.Inserted,
                ChangeType.Deleted => DiffLineKind.Deleted,
                _ => DiffLineKind.Unchanged,
            },
            l.Text ?? "")).ToList();
    }
}

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
}
