using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Authors, sections, tags and sources: small lists with a name and a slug each.</summary>
public sealed class EditorialCatalogService(NewsPortalDbContext db, AuditLog audit, ArticleChangePublisher changes, DerivedWorkQueue derivedWork, TimeProvider clock)
{
    /// <summary>Shorter than <see cref="Slugs.Rule"/>: catalog names have no headline to give as an example.</summary>
    private const string SlugRule = "A slug uses lowercase letters a–z, digits and single hyphens.";

    public Task<List<CatalogRow>> ListAuthorsAsync(CancellationToken cancellationToken) =>
        db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new CatalogRow(a.Id, a.Name, a.Slug, a.IsColumnist ? "Columnist" + (a.ColumnName != null ? ": " + a.ColumnName : "") : null, a.Articles.Count))
            .ToListAsync(cancellationToken);

    public Task<List<CatalogRow>> ListSectionsAsync(CancellationToken cancellationToken) =>
        db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
            .Select(s => new CatalogRow(s.Id, s.Name, s.Slug, "Order " + s.SortOrder, db.Articles.Count(a => a.SectionId == s.Id)))
            .ToListAsync(cancellationToken);

    public Task<List<CatalogRow>> ListTagsAsync(CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new CatalogRow(t.Id, t.Name, t.Slug, null, db.ArticleTags.Count(at => at.TagId == t.Id)))
            .ToListAsync(cancellationToken);

    public Task<List<CatalogRow>> ListSourcesAsync(CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new CatalogRow(s.Id, s.Name, s.Slug,
                s.FeedUrl == null ? s.HomepageUrl
                : !s.FeedEnabled ? "Feed paused"
                : s.LastError != null ? "Feed failing: " + s.LastError
                : "Feed every " + s.PollMinutes + " min, " + s.ItemsAddedTotal + " items added",
                db.Articles.Count(a => a.SourceId == s.Id)))
            .ToListAsync(cancellationToken);

    public Task<AuthorEditModel?> GetAuthorAsync(int id, CancellationToken cancellationToken) =>
        db.Authors.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AuthorEditModel { Id = a.Id, Name = a.Name, Slug = a.Slug, Bio = a.Bio, PhotoUrl = a.PhotoUrl, IsColumnist = a.IsColumnist, ColumnName = a.ColumnName, UserId = a.UserId })
            .FirstOrDefaultAsync(cancellationToken);

    public Task<SectionEditModel?> GetSectionAsync(int id, CancellationToken cancellationToken) =>
        db.Sections.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new SectionEditModel { Id = s.Id, Name = s.Name, Slug = s.Slug, SortOrder = s.SortOrder })
            .FirstOrDefaultAsync(cancellationToken);

    public Task<TagEditModel?> GetTagAsync(int id, CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TagEditModel { Id = t.Id, Name = t.Name, Slug = t.Slug })
            .FirstOrDefaultAsync(cancellationToken);

    public Task<SourceEditModel?> GetSourceAsync(int id, CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new SourceEditModel
            {
                Id = s.Id, Name = s.Name, Slug = s.Slug, HomepageUrl = s.HomepageUrl, FeedUrl = s.FeedUrl, FeedEnabled = s.FeedEnabled,
                PollMinutes = s.PollMinutes, DefaultSectionId = s.DefaultSectionId, DefaultAuthorId = s.DefaultAuthorId, PublishItems = s.PublishItems,
            })
            .FirstOrDefaultAsync(cancellationToken);

    public Task<List<Option>> ListUsersAsync(CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new Option(u.Id, u.DisplayName != "" ? u.DisplayName + " <" + u.Email + ">" : u.Email!))
            .ToListAsync(cancellationToken);

    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveAuthorAsync(AuthorEditModel model, Editor editor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var author = model.Id is { } id ? await db.Authors.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (model.Id is not null && author is null)
        {
            return (null, errors);
        }
        var slug = Slug(model.Slug, model.Name, nameof(model.Slug), errors, "author");
        if (slug is not null && await db.Authors.AnyAsync(a => a.Slug == slug && a.Id != model.Id, cancellationToken))
        {
            errors[nameof(model.Slug)] = $"Another author already uses the slug '{slug}'.";
        }
        if (!WebAddress.IsValid(model.PhotoUrl, allowLocal: true))
        {
            errors[nameof(model.PhotoUrl)] = "The photo URL must be an https:// address or a path on this site starting with /.";
        }
        var userId = string.IsNullOrWhiteSpace(model.UserId) ? null : model.UserId;
        if (userId is not null)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                errors[nameof(model.UserId)] = "Choose a user from the list.";
            }
            else if (await db.Authors.AnyAsync(a => a.UserId == userId && a.Id != model.Id, cancellationToken))
            {
                errors[nameof(model.UserId)] = "That user already writes as another author.";
            }
        }
        if (model.IsColumnist && string.IsNullOrWhiteSpace(model.ColumnName))
        {
            errors[nameof(model.ColumnName)] = "A columnist's column needs a name.";
        }
        if (errors.Count > 0)
        {
            return (model.Id, errors);
        }
        author ??= db.Authors.Add(new Author { Name = "", Slug = "" }).Entity;
        author.Name = model.Name.Trim();
        author.Slug = slug!;
        author.Bio = (model.Bio ?? "").Trim();
        author.PhotoUrl = FormText.OrNull(model.PhotoUrl);
        author.IsColumnist = model.IsColumnist;
        author.ColumnName = model.IsColumnist ? FormText.OrNull(model.ColumnName) : null;
        author.UserId = userId;
        await SaveAsync(editor, model.Id is null, nameof(Author), author.Name, () => author.Id, cancellationToken);
        await NotifyAsync(db.Articles.Where(a => a.AuthorId == author.Id), cancellationToken);
        return (author.Id, errors);
    }

    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveSectionAsync(SectionEditModel model, Editor editor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var section = model.Id is { } id ? await db.Sections.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        if (model.Id is not null && section is null)
        {
            return (null, errors);
        }
        var slug = Slug(model.Slug, model.Name, nameof(model.Slug), errors, "section");
        if (slug is not null && await db.Sections.AnyAsync(s => s.Slug == slug && s.Id != model.Id, cancellationToken))
        {
            errors[nameof(model.Slug)] = $"Another section already uses the slug '{slug}'.";
        }
        if (errors.Count > 0)
        {
            return (model.Id, errors);
        }
        section ??= db.Sections.Add(new Section { Name = "", Slug = "" }).Entity;
        section.Name = model.Name.Trim();
        section.Slug = slug!;
        section.SortOrder = model.SortOrder;
        await SaveAsync(editor, model.Id is null, nameof(Section), section.Name, () => section.Id, cancellationToken);
        await NotifyAsync(db.Articles.Where(a => a.SectionId == section.Id), cancellationToken);
        return (section.Id, errors);
    }

    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveTagAsync(TagEditModel model, Editor editor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var tag = model.Id is { } id ? await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        if (model.Id is not null && tag is null)
        {
            return (null, errors);
        }
        var name = model.Name.Trim().TrimStart('#').Trim();
        var slug = Slug(model.Slug, name, nameof(model.Slug), errors, "tag");
        if (name.Contains(',', StringComparison.Ordinal))
        {
            errors[nameof(model.Name)] = "A tag name cannot contain a comma.";
        }
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL; string.Equals with a comparison does not translate.
        if (await db.Tags.AnyAsync(t => t.Name.ToLower() == lower && t.Id != model.Id, cancellationToken))
#pragma warning restore CA1862
        {
            errors[nameof(model.Name)] = $"The tag '{name}' already exists.";
        }
        if (slug is not null && await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != model.Id, cancellationToken))
        {
            errors[nameof(model.Slug)] = $"Another tag already uses the slug '{slug}'.";
        }
        if (errors.Count > 0)
        {
            return (model.Id, errors);
        }
        tag ??= db.Tags.Add(new Tag { Name = "", Slug = "" }).Entity;
        tag.Name = name;
        tag.Slug = slug!;
        await SaveAsync(editor, model.Id is null, nameof(Tag), tag.Name, () => tag.Id, cancellationToken);
        await NotifyAsync(db.Articles.Where(a => a.Tags.Any(t => t.TagId == tag.Id)), cancellationToken);
        return (tag.Id, errors);
    }

    public async Task<(int? Id, Dictionary<string, string> Errors)> SaveSourceAsync(SourceEditModel model, Editor editor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var source = model.Id is { } id ? await db.Sources.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        if (model.Id is not null && source is null)
        {
            return (null, errors);
        }
        var slug = Slug(model.Slug, model.Name, nameof(model.Slug), errors, "source");
        if (slug is not null && await db.Sources.AnyAsync(s => s.Slug == slug && s.Id != model.Id, cancellationToken))
        {
            errors[nameof(model.Slug)] = $"Another source already uses the slug '{slug}'.";
        }
        if (!WebAddress.IsValid(model.HomepageUrl, allowLocal: false))
        {
            errors[nameof(model.HomepageUrl)] = "The homepage must be a full http:// or https:// address.";
        }
        if (!WebAddress.IsValid(model.FeedUrl, allowLocal: false))
        {
            errors[nameof(model.FeedUrl)] = "The feed must be a full http:// or https:// address.";
        }
        await ValidateFeedAsync(model, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return (model.Id, errors);
        }
        source ??= db.Sources.Add(new Source { Name = "", Slug = "" }).Entity;
        source.Name = model.Name.Trim();
        source.Slug = slug!;
        source.HomepageUrl = FormText.OrNull(model.HomepageUrl);
        ApplyFeed(model, source);
        await SaveAsync(editor, model.Id is null, nameof(Source), source.Name, () => source.Id, cancellationToken);
        await NotifyAsync(db.Articles.Where(a => a.SourceId == source.Id), cancellationToken);
        return (source.Id, errors);
    }

    /// <summary>A feed needs a section and an author for its items; polling needs a feed.</summary>
    private async Task ValidateFeedAsync(SourceEditModel model, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var hasFeed = !string.IsNullOrWhiteSpace(model.FeedUrl);
        if (model.FeedEnabled && !hasFeed)
        {
            errors[nameof(model.FeedUrl)] = "Give the feed's URL to poll it, or untick polling.";
        }
        if (model.PollMinutes is < SourceFeedRules.MinPollMinutes or > SourceFeedRules.MaxPollMinutes)
        {
            errors[nameof(model.PollMinutes)] = "Poll every 5 to 1,440 minutes (a day).";
        }
        if (!hasFeed)
        {
            return;
        }
        if (model.DefaultSectionId is not { } sectionId || !await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken))
        {
            errors[nameof(model.DefaultSectionId)] = "Choose the section the feed's items are filed in.";
        }
        if (model.DefaultAuthorId is not { } authorId || !await db.Authors.AnyAsync(a => a.Id == authorId, cancellationToken))
        {
            errors[nameof(model.DefaultAuthorId)] = "Choose the author the feed's items are credited to.";
        }
    }

    /// <summary>A new or changed feed, or one just switched on, is polled within the poller's next round.</summary>
    private void ApplyFeed(SourceEditModel model, Source source)
    {
        var feedUrl = FormText.OrNull(model.FeedUrl);
        var now = clock.GetUtcNow().UtcDateTime;
        var feedChanged = feedUrl != source.FeedUrl;
        var switchedOn = model.FeedEnabled && !source.FeedEnabled;
        if (feedChanged)
        {
            // The old feed's validators and failures say nothing about the new one.
            source.FeedETag = null;
            source.FeedLastModified = null;
            source.ConsecutiveFailures = 0;
            source.LastError = null;
        }
        source.FeedUrl = feedUrl;
        source.FeedEnabled = model.FeedEnabled && feedUrl is not null;
        source.PollMinutes = model.PollMinutes;
        source.DefaultSectionId = feedUrl is null ? model.DefaultSectionId is > 0 ? model.DefaultSectionId : null : model.DefaultSectionId;
        source.DefaultAuthorId = feedUrl is null ? model.DefaultAuthorId is > 0 ? model.DefaultAuthorId : null : model.DefaultAuthorId;
        source.PublishItems = model.PublishItems;
        if (!source.FeedEnabled)
        {
            source.NextPollAt = null;
        }
        else if (feedChanged || switchedOn || source.NextPollAt is null)
        {
            source.NextPollAt = now;
        }
        else if (source.ConsecutiveFailures == 0 && source.LastPolledAt is { } polled && polled.AddMinutes(source.PollMinutes) < source.NextPollAt)
        {
            // A shorter interval takes effect now, not after the longer wait already planned.
            source.NextPollAt = polled.AddMinutes(source.PollMinutes);
        }
    }

    /// <summary>Deletes a tag; its articles simply lose the hashtag.</summary>
    public async Task<bool> DeleteTagAsync(int id, Editor editor, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return false;
        }
        var affected = await db.ArticleTags.Where(t => t.TagId == id).Select(t => new { t.ArticleId, t.Article!.Slug }).ToListAsync(cancellationToken);
        db.Tags.Remove(tag);
        audit.Add(editor, "Deleted", nameof(Tag), id, tag.Name);
        await db.SaveChangesAsync(cancellationToken);
        await derivedWork.EnqueueManyAsync([.. affected.Select(a => a.ArticleId)], ArticleChangeKind.Edited, cancellationToken);
        foreach (var article in affected)
        {
            await changes.PublishAsync(new ArticleChange(article.ArticleId, ArticleChangeKind.Edited, [article.Slug]), cancellationToken);
        }
        return true;
    }

    private async Task SaveAsync(Editor editor, bool created, string entityType, string name, Func<int> id, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(editor, created ? "Created" : "Edited", entityType, id(), name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Articles show author, section, tag and source names: their pages and derived data must follow a rename.</summary>
    private async Task NotifyAsync(IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var affected = await articles.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToListAsync(cancellationToken);
        // Every article's derived work queued in a statement per few hundred, not a round trip each.
        await derivedWork.EnqueueManyAsync([.. affected.Select(a => a.Id)], ArticleChangeKind.Edited, cancellationToken);
        foreach (var article in affected)
        {
            await changes.PublishAsync(new ArticleChange(article.Id, ArticleChangeKind.Edited, [article.Slug]), cancellationToken);
        }
    }

    private static string? Slug(string? typed, string name, string field, Dictionary<string, string> errors, string fallbackPrefix)
    {
        if (Slugs.Typed(typed) is not { } slug)
        {
            return Slugs.FromName(name, fallbackPrefix);
        }
        if (!ArticleText.IsValidSlug(slug))
        {
            errors[field] = SlugRule;
            return null;
        }
        return slug;
    }}
