using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Related;

namespace NewsPortal.Web.Features.Editorial;

public sealed record RelatedRow(int Id, string Headline, string Slug, DateTime? PublishedAt, bool IsPublished);

/// <summary>An article's related links as the curation page shows them.</summary>
public sealed record RelatedLists(
    IReadOnlyList<RelatedRow> Curated,
    IReadOnlyList<RelatedRow> Automatic,
    IReadOnlyList<RelatedRow> Excluded,
    IReadOnlyList<RelatedRow> Results);

public enum RelatedChange
{
    Add,
    Remove,
    Up,
    Down,
    Exclude,
    Include,
}

/// <summary>Editor curation of the "Related Articles" sidebar; the public page follows on the next request.</summary>
public sealed class RelatedCurationService(
    NewsPortalDbContext db,
    RelatedLinkService related,
    PublishedArticles published,
    ArticleChangePublisher changes,
    AuditLog audit)
{
    public Task<string?> GetHeadlineAsync(int articleId, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Headline).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Editor's picks in their order, automatic picks not excluded or picked, exclusions, and published articles matching <paramref name="query"/>.</summary>
    public async Task<RelatedLists> GetListsAsync(int articleId, string? query, CancellationToken cancellationToken)
    {
        var order = await related.GetOrderAsync(articleId, cancellationToken);
        var curated = await RowsAsync(db.Articles.Where(a => order.Contains(a.Id)), cancellationToken);
        var excludedIds = await db.RelatedExclusions.AsNoTracking().Where(e => e.ArticleId == articleId).Select(e => e.ExcludedArticleId).ToListAsync(cancellationToken);
        var automaticIds = await db.AutomaticRelatedLinks.AsNoTracking().Where(r => r.ArticleId == articleId).OrderBy(r => r.Position)
            .Select(r => r.RelatedArticleId).ToListAsync(cancellationToken);
        var automatic = await RowsAsync(db.Articles.Where(a => automaticIds.Contains(a.Id) && !excludedIds.Contains(a.Id) && !order.Contains(a.Id)), cancellationToken);
        var results = new List<RelatedRow>();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim();
            results = await published.Query()
                .Where(a => a.Id != articleId && !order.Contains(a.Id) && (a.Headline.Contains(term) || a.Slug.Contains(term)))
                .OrderByDescending(a => a.PublishedAt).Take(20)
                .Select(a => new RelatedRow(a.Id, a.Headline, a.Slug, a.PublishedAt, true))
                .ToListAsync(cancellationToken);
        }
        return new RelatedLists(
            order.Select(o => curated.First(c => c.Id == o)).ToList(),
            automaticIds.Select(a => automatic.FirstOrDefault(r => r.Id == a)).OfType<RelatedRow>().ToList(),
            await RowsAsync(db.Articles.Where(a => excludedIds.Contains(a.Id)), cancellationToken),
            results);
    }

    /// <summary>
    /// Applies one change, audits it and tells the article's pages; null when the article does not exist.
    /// <paramref name="relatedId"/> is null when the form did not name an article.
    /// </summary>
    public async Task<RelatedLinkResult?> ChangeAsync(int articleId, RelatedChange change, int? relatedId, Editor editor, CancellationToken cancellationToken)
    {
        var slug = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return null;
        }
        if (relatedId is not { } otherId)
        {
            return RelatedLinkResult.Fail("Choose an article.");
        }
        var result = change switch
        {
            RelatedChange.Add => await related.AddAsync(articleId, otherId, cancellationToken),
            RelatedChange.Remove => await related.RemoveAsync(articleId, otherId, cancellationToken),
            RelatedChange.Up => await related.MoveAsync(articleId, otherId, -1, cancellationToken),
            RelatedChange.Down => await related.MoveAsync(articleId, otherId, 1, cancellationToken),
            RelatedChange.Exclude => await ExcludeAsync(articleId, otherId, cancellationToken),
            RelatedChange.Include => await IncludeAsync(articleId, otherId, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        if (!result.Succeeded)
        {
            return result;
        }
        audit.Add(editor, AuditAction(change), nameof(Article), articleId, $"Related article {otherId}");
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(new ArticleChange(articleId, ArticleChangeKind.Edited, [slug]), cancellationToken);
        return result;
    }

    private async Task<RelatedLinkResult> ExcludeAsync(int articleId, int relatedId, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == relatedId, cancellationToken))
        {
            return RelatedLinkResult.Fail("That article does not exist.");
        }
        if (!await db.RelatedExclusions.AnyAsync(e => e.ArticleId == articleId && e.ExcludedArticleId == relatedId, cancellationToken))
        {
            db.RelatedExclusions.Add(new RelatedExclusion { ArticleId = articleId, ExcludedArticleId = relatedId });
            await db.SaveChangesAsync(cancellationToken);
        }
        return RelatedLinkResult.Ok;
    }

    private async Task<RelatedLinkResult> IncludeAsync(int articleId, int relatedId, CancellationToken cancellationToken)
    {
        var removed = await db.RelatedExclusions.Where(e => e.ArticleId == articleId && e.ExcludedArticleId == relatedId).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? RelatedLinkResult.Fail("That article is not excluded.") : RelatedLinkResult.Ok;
    }

    private static string AuditAction(RelatedChange change) => change switch
    {
        RelatedChange.Add => "Added related link",
        RelatedChange.Remove => "Removed related link",
        RelatedChange.Up => "Moved related link up",
        RelatedChange.Down => "Moved related link down",
        RelatedChange.Exclude => "Excluded automatic pick",
        _ => "Included automatic pick",
    };

    private static Task<List<RelatedRow>> RowsAsync(IQueryable<Article> articles, CancellationToken cancellationToken) =>
        articles.AsNoTracking().Select(a => new RelatedRow(a.Id, a.Headline, a.Slug, a.PublishedAt, a.Status == ArticleStatus.Published)).ToListAsync(cancellationToken);
}
