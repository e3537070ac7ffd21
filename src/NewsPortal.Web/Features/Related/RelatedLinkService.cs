using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Related;

public sealed record RelatedLinkResult(bool Succeeded, string? Error)
{
    public static readonly RelatedLinkResult Ok = new(true, null);

    public static RelatedLinkResult Fail(string error) => new(false, error);
}

/// <summary>Editor curation of an article's related links: no self-links, no duplicates, order kept.</summary>
public sealed class RelatedLinkService(NewsPortalDbContext db)
{
    public Task<List<int>> GetOrderAsync(int articleId, CancellationToken cancellationToken) =>
        db.RelatedLinks.AsNoTracking()
            .Where(r => r.ArticleId == articleId)
            .OrderBy(r => r.Position)
            .Select(r => r.RelatedArticleId)
            .ToListAsync(cancellationToken);

    public async Task<RelatedLinkResult> AddAsync(int articleId, int relatedArticleId, CancellationToken cancellationToken)
    {
        if (articleId == relatedArticleId)
        {
            return RelatedLinkResult.Fail("An article cannot be related to itself.");
        }
        var bothExist = await db.Articles.CountAsync(a => a.Id == articleId || a.Id == relatedArticleId, cancellationToken) == 2;
        if (!bothExist)
        {
            return RelatedLinkResult.Fail("That article does not exist.");
        }
        var links = await db.RelatedLinks.Where(r => r.ArticleId == articleId).ToListAsync(cancellationToken);
        if (links.Any(r => r.RelatedArticleId == relatedArticleId))
        {
            return RelatedLinkResult.Fail("That article is already linked.");
        }
        db.RelatedLinks.Add(new RelatedLink
        {
            ArticleId = articleId,
            RelatedArticleId = relatedArticleId,
            Position = links.Count == 0 ? 0 : links.Max(r => r.Position) + 1,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RelatedLinkResult.Ok;
    }

    public async Task<RelatedLinkResult> RemoveAsync(int articleId, int relatedArticleId, CancellationToken cancellationToken)
    {
        var removed = await db.RelatedLinks
            .Where(r => r.ArticleId == articleId && r.RelatedArticleId == relatedArticleId)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? RelatedLinkResult.Fail("That link does not exist.") : RelatedLinkResult.Ok;
    }

    /// <summary>Moves one link up (-1) or down (+1) in the editor's order.</summary>
    public async Task<RelatedLinkResult> MoveAsync(int articleId, int relatedArticleId, int offset, CancellationToken cancellationToken)
    {
        var order = await GetOrderAsync(articleId, cancellationToken);
        var index = order.IndexOf(relatedArticleId);
        if (index < 0)
        {
            return RelatedLinkResult.Fail("That link does not exist.");
        }
        var target = Math.Clamp(index + offset, 0, order.Count - 1);
        order.RemoveAt(index);
        order.Insert(target, relatedArticleId);
        return await ReorderAsync(articleId, order, cancellationToken);
    }

    /// <summary>Sets the order of all links at once; the list must name exactly the current links.</summary>
    public async Task<RelatedLinkResult> ReorderAsync(int articleId, IReadOnlyList<int> orderedRelatedIds, CancellationToken cancellationToken)
    {
        var links = await db.RelatedLinks.Where(r => r.ArticleId == articleId).ToListAsync(cancellationToken);
        if (orderedRelatedIds.Count != links.Count
            || orderedRelatedIds.Distinct().Count() != orderedRelatedIds.Count
            || !links.All(l => orderedRelatedIds.Contains(l.RelatedArticleId)))
        {
            return RelatedLinkResult.Fail("The new order must list each linked article exactly once.");
        }
        foreach (var link in links)
        {
            link.Position = orderedRelatedIds.ToList().IndexOf(link.RelatedArticleId);
        }
        await db.SaveChangesAsync(cancellationToken);
        return RelatedLinkResult.Ok;
    }
}
