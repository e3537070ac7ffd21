using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Web.Features.Articles;

/// <summary>What readers see: published articles only, projected straight into view models.</summary>
public sealed class ReaderArticleService(
    NewsPortalDbContext db,
    TimeProvider clock,
    IMarkdownRenderer markdown,
    IConfiguration configuration,
    ListingCounts counts)
{
    public const int PageSize = 20;
    private readonly int _relatedCount = Math.Clamp(configuration.GetValue("Related:Count", 5), 1, 20);

    internal static readonly Expression<Func<Article, ArticleCard>> ToCard = a => new ArticleCard(
        a.Slug,
        a.Kind == ArticleKind.Column ? "[" + a.Author!.Name + "] " + a.Headline : a.Headline,
        a.Kind,
        a.Dek != "" ? a.Dek : a.Excerpt,
        a.Author!.Name,
        a.Author.Slug,
        a.Section!.Name,
        a.Section.Slug,
        a.Source != null ? a.Source.Name : null,
        a.WireCredit,
        a.PublishedAt!.Value,
        a.HeroImageUrl,
        a.HeroAlt,
        a.Language);

    private sealed record KeyedCard(int Id, ArticleCard Card);

    /// <summary><see cref="ToCard"/> with the article's id alongside, so cards fetched by id keep the listing's order.</summary>
    private static readonly Expression<Func<Article, KeyedCard>> ToKeyedCard = Expression.Lambda<Func<Article, KeyedCard>>(
        Expression.New(
            typeof(KeyedCard).GetConstructor([typeof(int), typeof(ArticleCard)])!,
            Expression.Property(ToCard.Parameters[0], nameof(Article.Id)),
            ToCard.Body),
        ToCard.Parameters[0]);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IQueryable<Article> Published()
    {
        var now = Now;
        return db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);
    }

    public Task<ArticlePage?> GetArticleAsync(string slug, CancellationToken cancellationToken) =>
        BuildArticlePageAsync(Published().Where(a => a.Slug == slug), isPreview: false, cancellationToken);

    /// <summary>The current slug of a published article that used to be at <paramref name="oldSlug"/>.</summary>
    public Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken) =>
        db.ArticleSlugRedirects.AsNoTracking()
            .Where(r => r.Slug == oldSlug)
            .Join(Published(), r => r.ArticleId, a => a.Id, (r, a) => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Builds the page for any article, published or not: callers decide who may see it.</summary>
    public Task<ArticlePage?> BuildArticlePageAsync(int articleId, bool isPreview, CancellationToken cancellationToken) =>
        BuildArticlePageAsync(db.Articles.AsNoTracking().Where(a => a.Id == articleId), isPreview, cancellationToken);

    /// <summary>A fixed number of queries whatever the article: itself, tags, comments, translations, related.</summary>
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
                a.Language, a.PublishedAt, a.CreatedAt, a.RevisedAt, a.TranslationGroup,
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

        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new CommentView(c.DisplayName, c.Body, c.CreatedAt))
            .ToListAsync(cancellationToken);

        var translations = article.TranslationGroup is { } group
            ? await Published()
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
            Translations = translations,
            IsPreview = isPreview,
        };
    }

    /// <summary>Editor-curated links in their order, then precomputed automatic picks up to the configured count.</summary>
    public async Task<IReadOnlyList<ArticleCard>> GetRelatedCardsAsync(int articleId, CancellationToken cancellationToken)
    {
        var published = Published();
        var curated = await db.RelatedLinks.AsNoTracking()
            .Where(r => r.ArticleId == articleId)
            .Join(published, r => r.RelatedArticleId, a => a.Id, (r, a) => new { r.Position, Article = a })
            .OrderBy(x => x.Position)
            .Select(x => x.Article)
            .Select(ToCard)
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
            .Join(published, r => r.RelatedArticleId, a => a.Id, (r, a) => new { r.Position, Article = a })
            .OrderBy(x => x.Position)
            .Take(missing)
            .Select(x => x.Article)
            .Select(ToCard)
            .ToListAsync(cancellationToken);

        return [.. curated, .. automatic];
    }

    public async Task<HomePage?> GetHomeAsync(int page, CancellationToken cancellationToken)
    {
        var latest = await ListAsync(Keys(Published()), "Latest news", null, "/", page, cancellationToken);
        if (latest is null)
        {
            return null;
        }
        if (page > 1)
        {
            return new HomePage { TopStories = [], Columns = [], Latest = latest };
        }

        var columns = await Published()
            .Where(a => a.Kind == ArticleKind.Column)
            .OrderByDescending(a => a.PublishedAt)
            .Take(4)
            .Select(ToCard)
            .ToListAsync(cancellationToken);
        var news = latest.Articles.Where(a => a.Kind != ArticleKind.Column).ToList();
        var lead = news.Count > 0 ? news[0] : latest.Articles.Count > 0 ? latest.Articles[0] : null;
        var top = news.Where(a => a != lead).Take(4).ToList();
        var rest = latest.Articles.Where(a => a != lead && !top.Contains(a) && !columns.Contains(a)).ToList();
        return new HomePage
        {
            Lead = lead,
            TopStories = top,
            Columns = columns,
            Latest = new ListingPage
            {
                Title = latest.Title,
                Articles = rest,
                Page = latest.Page,
                TotalPages = latest.TotalPages,
                BasePath = latest.BasePath,
            },
        };
    }

    public async Task<ListingPage?> GetSectionAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken);
        return section is null
            ? null
            : await ListAsync(Keys(Published().Where(a => a.SectionId == section.Id)), section.Name, $"The latest {section.Name} stories.", $"/sections/{slug}", page, cancellationToken);
    }

    public async Task<ListingPage?> GetTagAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        return await ListAsync(TaggedKeys(tag.Id), "#" + tag.Name, $"Articles tagged #{tag.Name}.", $"/tags/{slug}", page, cancellationToken);
    }

    public async Task<AuthorPage?> GetAuthorAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Name, a.Bio, a.PhotoUrl, a.IsColumnist, a.ColumnName })
            .FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return null;
        }
        var listing = await ListAsync(Keys(Published().Where(a => a.AuthorId == author.Id)), author.Name, null, $"/authors/{slug}", page, cancellationToken);
        return listing is null
            ? null
            : new AuthorPage
            {
                Slug = slug,
                Name = author.Name,
                BioHtml = markdown.ToSafeHtml(author.Bio),
                PhotoUrl = author.PhotoUrl,
                IsColumnist = author.IsColumnist,
                ColumnName = author.ColumnName,
                Listing = listing,
            };
    }

    public async Task<IReadOnlyList<ColumnistSummary>> GetColumnistsAsync(CancellationToken cancellationToken)
    {
        var columnists = await db.Authors.AsNoTracking()
            .Where(a => a.IsColumnist)
            .OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Slug, a.Name, a.ColumnName, a.PhotoUrl })
            .ToListAsync(cancellationToken);
        // The latest three columns of each columnist: one bounded index range per columnist, in one statement.
        var latestIds = new List<int>();
        if (columnists.Count > 0)
        {
            var parameters = new List<object> { new SqliteParameter("$now", Now) };
            var parts = new List<string>();
            for (var i = 0; i < columnists.Count; i++)
            {
                parameters.Add(new SqliteParameter("$a" + i, columnists[i].Id));
                parts.Add($"""
                    SELECT "Value" FROM (SELECT "Id" AS "Value" FROM "Articles"
                    WHERE "AuthorId" = $a{i} AND "Status" = 'Published' AND "PublishedAt" <= $now AND "Kind" = 'Column'
                    ORDER BY "PublishedAt" DESC, "Id" DESC LIMIT 3)
                    """);
            }
            latestIds = await db.Database.SqlQueryRaw<int>(string.Join("\nUNION ALL\n", parts), [.. parameters]).ToListAsync(cancellationToken);
        }
        var latest = (await CardsAsync(latestIds, cancellationToken)).OrderByDescending(c => c.PublishedAt).ToList();

        return columnists
            .Select(c => new ColumnistSummary(c.Slug, c.Name, c.ColumnName, c.PhotoUrl,
                latest.Where(card => card.AuthorSlug == c.Slug).ToList()))
            .Where(c => c.Latest.Count > 0)
            .OrderByDescending(c => c.Latest[0].PublishedAt)
            .ToList();
    }

    /// <summary>What a listing pages through: article ids with their publish time, newest first.</summary>
    private sealed class ListingKey
    {
        public int Id { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    private static IQueryable<ListingKey> Keys(IQueryable<Article> articles) =>
        articles.Select(a => new ListingKey { Id = a.Id, PublishedAt = a.PublishedAt });

    /// <summary>Tag pages read the (tag, status, time) index on ArticleTags and never visit the articles they skip.</summary>
    private IQueryable<ListingKey> TaggedKeys(int tagId)
    {
        var now = Now;
        return db.ArticleTags.AsNoTracking()
            .Where(t => t.TagId == tagId && t.ArticleStatus == ArticleStatus.Published && t.ArticlePublishedAt <= now)
            .Select(t => new ListingKey { Id = t.ArticleId, PublishedAt = t.ArticlePublishedAt });
    }

    /// <summary>
    /// One page of a listing in three bounded queries: the count (remembered for big listings), the
    /// page's ids from a covering index (an OFFSET over index entries only, so page 200 stays fast),
    /// then the cards of just those ids.
    /// </summary>
    private async Task<ListingPage?> ListAsync(
        IQueryable<ListingKey> keys, string title, string? description, string basePath, int page, CancellationToken cancellationToken)
    {
        var remembered = counts.TryGet(basePath, out var total);
        if (!remembered || page > PageCount(total))
        {
            total = await keys.CountAsync(cancellationToken);
            counts.Remember(basePath, total);
        }
        var totalPages = PageCount(total);
        if (page > totalPages)
        {
            return null;
        }
        var ids = await keys
            .OrderByDescending(k => k.PublishedAt).ThenByDescending(k => k.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);
        return new ListingPage
        {
            Title = title,
            Description = description,
            Articles = await CardsAsync(ids, cancellationToken),
            Page = page,
            TotalPages = totalPages,
            BasePath = basePath,
        };
    }

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>Cards for the given ids, in the given order, in one query by primary key.</summary>
    private async Task<List<ArticleCard>> CardsAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var cards = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(ToKeyedCard)
            .ToListAsync(cancellationToken);
        var byId = cards.ToDictionary(c => c.Id, c => c.Card);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }
}
