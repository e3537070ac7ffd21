using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.DemoContent;

/// <summary>Loads the demo newsroom (demo-content.json) into an empty database, with times relative to now.</summary>
public sealed class DemoContentSeeder(
    NewsPortalDbContext db,
    ArticleContentService content,
    DemoImages images,
    TimeProvider clock,
    ILogger<DemoContentSeeder> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Articles.AnyAsync(cancellationToken) || await db.Authors.AnyAsync(cancellationToken))
        {
            return false;
        }

        var data = await LoadAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // First, while nothing else is tracked: each upload saves its own row.
        var heroes = await images.LoadAsync(data.Articles.Where(a => a.HeroImage is not null).Select(a => (a.HeroImage!, a.HeroAlt)), cancellationToken);

        var sections = data.Sections.ToDictionary(s => s.Slug, s => new Section { Slug = s.Slug, Name = s.Name, SortOrder = s.Order });
        var authors = data.Authors.ToDictionary(a => a.Slug, a => new Author
        {
            Slug = a.Slug,
            Name = a.Name,
            Bio = a.Bio ?? "",
            PhotoUrl = a.Photo,
            IsColumnist = a.IsColumnist,
            ColumnName = a.ColumnName,
        });
        var sources = data.Sources.ToDictionary(s => s.Slug, s => new Source { Slug = s.Slug, Name = s.Name, HomepageUrl = s.Homepage });
        var tags = data.Tags.ToDictionary(t => t.Slug, t => new Tag { Slug = t.Slug, Name = t.Name });
        db.AddRange(sections.Values);
        db.AddRange(authors.Values);
        db.AddRange(sources.Values);
        db.AddRange(tags.Values);

        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        foreach (var item in data.Articles)
        {
            var publishedAt = now.AddHours(-item.HoursAgo);
            var article = new Article
            {
                Slug = item.Slug,
                Kind = Enum.Parse<ArticleKind>(item.Kind, ignoreCase: true),
                Headline = item.Headline,
                Dek = item.Dek ?? "",
                BodyMarkdown = item.Body,
                Author = authors[item.Author],
                Section = sections[item.Section],
                Source = item.Source is null ? null : sources[item.Source],
                WireCredit = item.WireCredit,
                OriginalUrl = item.OriginalUrl,
                HeroImageUrl = item.HeroImage is { } hero && heroes.TryGetValue(hero, out var media) ? media.Url : item.HeroImage,
                HeroMediaId = item.HeroImage is { } heroId && heroes.TryGetValue(heroId, out var linked) ? linked.Id : null,
                HeroCaption = item.HeroCaption,
                HeroCredit = item.HeroCredit,
                HeroAlt = item.HeroAlt,
                Language = item.Language ?? "en",
                Status = ArticleStatus.Published,
                PublishedAt = publishedAt,
                CreatedAt = publishedAt.AddHours(-1),
                UpdatedAt = item.UpdatedHoursAgo is { } updated ? now.AddHours(-updated) : publishedAt,
                RevisedAt = item.UpdatedHoursAgo is { } revised ? now.AddHours(-revised) : null,
                Tags = item.Tags.Select(slug => new ArticleTag { Tag = tags[slug] }).ToList(),
            };
            content.Refresh(article);
            articles.Add(item.Slug, article);
            db.Articles.Add(article);
            db.Revisions.Add(new Revision
            {
                Article = article,
                Headline = article.Headline,
                Dek = article.Dek,
                BodyMarkdown = article.BodyMarkdown,
                SavedByName = "Demo content",
                SavedAt = article.CreatedAt,
            });
        }

        foreach (var item in data.Articles)
        {
            var article = articles[item.Slug];
            if (item.TranslationOf is { } original)
            {
                var group = articles[original].TranslationGroup ??= Guid.NewGuid();
                article.TranslationGroup = group;
            }
            var position = 0;
            foreach (var related in item.Related.Distinct().Where(slug => slug != item.Slug))
            {
                article.RelatedLinks.Add(new RelatedLink { RelatedArticle = articles[related], Position = position++ });
            }
        }

        DemoComments.AddTo(db.Comments.Local, articles, now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded demo content: {Articles} articles, {Authors} authors, {Sections} sections, {Tags} tags",
            articles.Count, authors.Count, sections.Count, tags.Count);
        return true;
    }

    private static async Task<DemoData> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoContentSeeder).Assembly
            .GetManifestResourceStream("NewsPortal.Web.Features.DemoContent.demo-content.json")
            ?? throw new InvalidOperationException("The demo content resource is missing from the build.");
        return await JsonSerializer.DeserializeAsync<DemoData>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException("The demo content is empty.");
    }

    private sealed record DemoData(
        List<DemoSection> Sections, List<DemoAuthor> Authors, List<DemoSource> Sources, List<DemoTag> Tags, List<DemoArticle> Articles);

    private sealed record DemoSection(string Slug, string Name, int Order);

    private sealed record DemoAuthor(string Slug, string Name, string? Bio, bool IsColumnist, string? ColumnName, string? Photo);

    private sealed record DemoSource(string Slug, string Name, string? Homepage);

    private sealed record DemoTag(string Slug, string Name);

    private sealed record DemoArticle(
        string Slug, string Kind, string Headline, string? Dek, string Body, string Author, string Section, string? Source,
        string? WireCredit, string? OriginalUrl, string? Language, string? HeroImage, string? HeroCaption, string? HeroCredit,
        string? HeroAlt, List<string> Tags, double HoursAgo, double? UpdatedHoursAgo, List<string> Related, string? TranslationOf);
}
