using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Authors, sections, tags and sources: small lists with a name and a slug each.</summary>
public sealed class EditorialCatalogService(NewsPortalDbContext db, AuditLog audit, ArticleChangePublisher changes)
{
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
            .Select(s => new CatalogRow(s.Id, s.Name, s.Slug, s.HomepageUrl, db.Articles.Count(a => a.SourceId == s.Id)))
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
            .Select(s => new SourceEditModel { Id = s.Id, Name = s.Name, Slug = s.Slug, HomepageUrl = s.HomepageUrl, FeedUrl = s.FeedUrl })
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
        author.PhotoUrl = Clean(model.PhotoUrl);
        author.IsColumnist = model.IsColumnist;
        author.ColumnName = model.IsColumnist ? Clean(model.ColumnName) : null;
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
        var slug = string.IsNullOrWhiteSpace(model.Slug) ? Slugs.FromName(name, "tag") : Slug(model.Slug, name, nameof(model.Slug), errors, "tag");
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
        if (errors.Count > 0)
        {
            return (model.Id, errors);
        }
        source ??= db.Sources.Add(new Source { Name = "", Slug = "" }).Entity;
        source.Name = model.Name.Trim();
        source.Slug = slug!;
        source.HomepageUrl = Clean(model.HomepageUrl);
        source.FeedUrl = Clean(model.FeedUrl);
        await SaveAsync(editor, model.Id is null, nameof(Source), source.Name, () => source.Id, cancellationToken);
        await NotifyAsync(db.Articles.Where(a => a.SourceId == source.Id), cancellationToken);
        return (source.Id, errors);
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
        foreach (var article in affected)
        {
            await changes.PublishAsync(new ArticleChange(article.Id, ArticleChangeKind.Edited, [article.Slug]), cancellationToken);
        }
    }

    private static string? Slug(string? typed, string name, string field, Dictionary<string, string> errors, string fallbackPrefix)
    {
        var slug = typed?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug))
        {
            slug = ArticleText.Slugify(name);
            return slug.Length > 0 ? slug : Slugs.FromName(name, fallbackPrefix);
        }
        if (!ArticleText.IsValidSlug(slug))
        {
            errors[field] = "A slug uses lowercase letters a–z, digits and single hyphens.";
            return null;
        }
        return slug;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
