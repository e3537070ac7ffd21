using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Features.Imports;

/// <summary>Starts an <see cref="ImportRun"/>: the one save path every importer's posts go through.</summary>
public sealed class ImportWriter(
    NewsPortalDbContext db,
    ArticleContentService content,
    ArticleTags tags,
    ArticleChangePublisher changes,
    AuditLog audit,
    IOptions<ImportsOptions> options,
    TimeProvider clock)
{
    public ImportRun Begin(ImportSummary summary) =>
        new(db, content, tags, changes, audit, options.Value, clock, summary);
}

/// <summary>
/// Saves imported posts the way the editor saves typed ones (derived HTML, excerpt, key points, reading time,
/// tags, a revision, then the change publisher for search, related articles and cache eviction), finds
/// authors, sections and tags again or creates them with unique slugs, and keeps old permalinks. A post whose
/// import key is known updates its article, or leaves it alone when nothing changed, so a second run of the
/// same file counts everything as unchanged.
/// </summary>
public sealed class ImportRun
{
    private const int MaxTags = 20;
    private const int MaxTagLength = 60;

    private readonly NewsPortalDbContext _db;
    private readonly ArticleContentService _content;
    private readonly ArticleTags _tags;
    private readonly ArticleChangePublisher _changes;
    private readonly AuditLog _audit;
    private readonly ImportsOptions _options;
    private readonly TimeProvider _clock;
    private readonly Editor _importer;
    private readonly Dictionary<string, int> _authors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _countedTags = new(StringComparer.OrdinalIgnoreCase);
    private int? _defaultSectionId;

    internal ImportRun(NewsPortalDbContext db, ArticleContentService content, ArticleTags tags, ArticleChangePublisher changes,
        AuditLog audit, ImportsOptions options, TimeProvider clock, ImportSummary summary)
    {
        (_db, _content, _tags, _changes, _audit, _options, _clock, Summary) = (db, content, tags, changes, audit, options, clock, summary);
        _importer = new Editor(null, $"Import ({summary.Format})", CanPublish: true, IsAdmin: false, AuthorId: null);
    }

    public ImportSummary Summary { get; }

    /// <summary>Creates, updates or leaves alone the article of <paramref name="post"/>; counts it under "articles".</summary>
    public async Task SaveAsync(ImportedPost post, CancellationToken cancellationToken)
    {
        var authorId = await AuthorIdAsync(post.Author ?? new ImportedAuthor(_options.DefaultAuthor), cancellationToken);
        var sectionId = post.Section is null ? await DefaultSectionIdAsync(cancellationToken) : await SectionIdAsync(post.Section, cancellationToken);
        var tagNames = TagNames(post);
        var headline = Clip(post.Headline.Trim(), 300);
        var dek = Clip(post.Dek.Trim(), 1000);
        var body = post.BodyMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var hero = FormText.OrNull(post.HeroImageUrl) is { Length: <= 2000 } url && WebAddress.IsValid(url, allowLocal: false) ? url : null;
        var heroAlt = hero is null ? null : Optional(post.HeroAlt, 500);
        var heroCaption = hero is null ? null : Optional(post.HeroCaption, 1000);

        var article = await _db.Articles.Include(a => a.Tags).ThenInclude(t => t.Tag)
            .FirstOrDefaultAsync(a => a.ImportKey == post.ImportKey, cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        var created = article is null;
        if (article is null)
        {
            article = new Article
            {
                Slug = await UniqueSlugAsync(post, cancellationToken),
                Headline = headline,
                ImportKey = post.ImportKey,
                CreatedAt = post.PublishedAt is { } at && at < now ? at : now,
            };
            _db.Articles.Add(article);
        }
        else if (article.Headline == headline && article.Dek == dek && article.BodyMarkdown == body
            && article.AuthorId == authorId && article.SectionId == sectionId && article.Status == post.Status
            && article.PublishedAt == post.PublishedAt && article.HeroImageUrl == hero
            && article.HeroAlt == heroAlt && article.HeroCaption == heroCaption
            && article.Tags.Select(t => t.Tag!.Name).Order(StringComparer.OrdinalIgnoreCase)
                .SequenceEqual(tagNames.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            Summary.Unchanged("articles");
            CountTags(tagNames);
            await KeepPermalinksAsync(article, post, created: false, cancellationToken);
            await _db.SaveChangesAsync(cancellationToken);
            _db.ChangeTracker.Clear();
            return;
        }
        else if (article.Status == ArticleStatus.Published
            && (article.Headline != headline || article.Dek != dek || article.BodyMarkdown != body))
        {
            article.RevisedAt = now;
        }

        article.Headline = headline;
        article.Dek = dek;
        article.BodyMarkdown = body;
        article.AuthorId = authorId;
        article.SectionId = sectionId;
        article.Status = post.Status;
        article.PublishedAt = post.PublishedAt;
        article.HeroImageUrl = hero;
        article.HeroMediaId = null;
        article.HeroAlt = heroAlt;
        article.HeroCaption = heroCaption;
        article.UpdatedAt = now;
        article.Version = Guid.NewGuid();
        _content.Refresh(article);
        await _tags.ApplyAsync(article, tagNames, cancellationToken);
        CountTags(tagNames);
        _db.Revisions.Add(new Revision
        {
            Article = article,
            Headline = article.Headline,
            Dek = article.Dek,
            BodyMarkdown = article.BodyMarkdown,
            SavedByName = _importer.Name,
            SavedAt = now,
        });
        await KeepPermalinksAsync(article, post, created, cancellationToken);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another writer took the slug (or a permalink) between our check and this save: this post waits for the next run.
            _db.ChangeTracker.Clear();
            Summary.Skipped("articles");
            Summary.Warn($"{post.ImportKey}: could not be saved (its slug or an old address was taken meanwhile); run the import again.");
            return;
        }
        _audit.Add(_importer, created ? "Imported" : "Re-imported", nameof(Article), article.Id, post.ImportKey);
        await _db.SaveChangesAsync(cancellationToken);
        var change = new ArticleChange(article.Id, created ? ArticleChangeKind.Created : ArticleChangeKind.Edited, [article.Slug]);
        _db.ChangeTracker.Clear();
        await _changes.PublishAsync(change, cancellationToken);
        if (created)
        {
            Summary.Added("articles");
        }
        else
        {
            Summary.Updated("articles");
        }
    }

    /// <summary>The author's id: by a linked account's e-mail, by display name, by a slug made from the login, or new.</summary>
    private async Task<int> AuthorIdAsync(ImportedAuthor author, CancellationToken cancellationToken)
    {
        var name = Clip(FormText.OrNull(author.Name) ?? FormText.OrNull(author.Login) ?? _options.DefaultAuthor, 200);
        var cacheKey = FormText.OrNull(author.Login) ?? FormText.OrNull(author.Email) ?? name;
        if (_authors.TryGetValue(cacheKey, out var known))
        {
            return known;
        }
        int? id = null;
        if (FormText.OrNull(author.Email) is { } email)
        {
            var normalized = email.ToUpperInvariant();
            id = await _db.Authors.Where(a => a.UserId != null && _db.Users.Any(u => u.Id == a.UserId && u.NormalizedEmail == normalized))
                .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        }
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL; string.Equals with a comparison does not translate.
        id ??= await _db.Authors.Where(a => a.Name.ToLower() == lower).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
        if (id is null && FormText.OrNull(author.Login) is { } login)
        {
            var loginSlug = Slugs.FromName(login, "author");
            id = await _db.Authors.Where(a => a.Slug == loginSlug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (id is { } found)
        {
            Summary.Unchanged("authors");
        }
        else
        {
            var slug = await UniqueAsync(Clip(Slugs.FromName(name, "author"), 90), s => _db.Authors.AnyAsync(a => a.Slug == s, cancellationToken));
            var created = new Author { Name = name, Slug = slug, Bio = author.Bio?.Trim() ?? "" };
            _db.Authors.Add(created);
            await _db.SaveChangesAsync(cancellationToken);
            id = created.Id;
            Summary.Added("authors");
        }
        _authors[cacheKey] = id.Value;
        return id.Value;
    }

    private async Task<int> SectionIdAsync(ImportedSection section, CancellationToken cancellationToken)
    {
        var name = Clip(FormText.OrNull(section.Name) ?? section.Slug ?? _options.DefaultSection, 100);
        var slug = Clip(Slugs.FromName(FormText.OrNull(section.Slug) is { } given ? Uri.UnescapeDataString(given) : name, "section"), 90);
        var cacheKey = slug + "\n" + section.CreateIfMissing.ToString(CultureInfo.InvariantCulture);
        if (_sections.TryGetValue(cacheKey, out var known))
        {
            return known;
        }
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL.
        var id = await _db.Sections.Where(s => s.Slug == slug || (section.CreateIfMissing && s.Name.ToLower() == lower))
            .OrderBy(s => s.Slug == slug ? 0 : 1).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
        if (id is null && !section.CreateIfMissing)
        {
            id = await DefaultSectionIdAsync(cancellationToken);
        }
        else if (id is null)
        {
            var unique = await UniqueAsync(slug, s => _db.Sections.AnyAsync(x => x.Slug == s, cancellationToken));
            var order = await _db.Sections.Select(s => (int?)s.SortOrder).MaxAsync(cancellationToken) ?? 0;
            var created = new Section { Name = name, Slug = unique, SortOrder = order + 1 };
            _db.Sections.Add(created);
            await _db.SaveChangesAsync(cancellationToken);
            id = created.Id;
            Summary.Added("sections");
        }
        else
        {
            Summary.Unchanged("sections");
        }
        _sections[cacheKey] = id.Value;
        return id.Value;
    }

    private async Task<int> DefaultSectionIdAsync(CancellationToken cancellationToken) =>
        _defaultSectionId ??= await SectionIdAsync(new ImportedSection(_options.DefaultSection), cancellationToken);

    private List<string> TagNames(ImportedPost post)
    {
        var names = post.Tags.Select(n => n.Trim().TrimStart('#').Trim()).Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.FirstOrDefault(n => n.Length > MaxTagLength) is { } tooLong)
        {
            Summary.Warn($"{post.ImportKey}: tags longer than {MaxTagLength} characters were left out (\"{tooLong[..20]}…\").");
            names.RemoveAll(n => n.Length > MaxTagLength);
        }
        if (names.Count > MaxTags)
        {
            Summary.Warn($"{post.ImportKey}: only the first {MaxTags} of {names.Count} tags were kept.");
            names = names[..MaxTags];
        }
        return names;
    }

    /// <summary>Counts each tag once per run: added when this run created it, unchanged when it was there.</summary>
    private void CountTags(List<string> names)
    {
        foreach (var name in names.Where(_countedTags.Add))
        {
            var isNew = _db.Tags.Local.Any(t => t.Id == 0 && t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (isNew)
            {
                Summary.Added("tags");
            }
            else
            {
                Summary.Unchanged("tags");
            }
        }
    }

    private async Task KeepPermalinksAsync(Article article, ImportedPost post, bool created, CancellationToken cancellationToken)
    {
        var keys = post.OldPermalinks.Select(LegacyPaths.FromAddress).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }
        var existing = await _db.LegacyPermalinks.AsNoTracking().Where(p => keys.Contains(p.Path))
            .ToDictionaryAsync(p => p.Path, p => p.ArticleId, StringComparer.Ordinal, cancellationToken);
        foreach (var key in keys)
        {
            if (!existing.TryGetValue(key, out var owner))
            {
                _db.LegacyPermalinks.Add(new LegacyPermalink { Path = key, Article = article });
                Summary.Added("redirects");
            }
            else if (!created && owner == article.Id)
            {
                Summary.Unchanged("redirects");
            }
            else
            {
                Summary.Skipped("redirects");
                Summary.Warn($"{post.ImportKey}: the old address {key} already leads to another article; it keeps leading there.");
            }
        }
    }

    private async Task<string> UniqueSlugAsync(ImportedPost post, CancellationToken cancellationToken)
    {
        var wanted = ArticleText.Slugify(FormText.OrNull(post.Slug) is { } slug ? Uri.UnescapeDataString(slug) : "");
        if (wanted.Length == 0)
        {
            wanted = ArticleText.Slugify(post.Headline);
        }
        if (wanted.Length == 0)
        {
            // Headlines without Latin letters (Korean) get a dated slug, as in the editor.
            wanted = "article-" + (post.PublishedAt ?? _clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }
        wanted = Clip(wanted, 190).TrimEnd('-');
        return await UniqueAsync(wanted, async s =>
            await _db.Articles.AnyAsync(a => a.Slug == s, cancellationToken)
            || await _db.ArticleSlugRedirects.AnyAsync(r => r.Slug == s, cancellationToken)
            || _db.Articles.Local.Any(a => a.Slug == s));
    }

    private static async Task<string> UniqueAsync(string wanted, Func<string, Task<bool>> isTaken)
    {
        var candidate = wanted;
        for (var n = 2; await isTaken(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
        }
        return candidate;
    }

    private static string? Optional(string? value, int maxLength) => FormText.OrNull(value) is { } text ? Clip(text, maxLength) : null;

    private static string Clip(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength].TrimEnd();
}
