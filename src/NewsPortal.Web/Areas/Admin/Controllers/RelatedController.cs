using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public sealed record RelatedRow(int Id, string Headline, string Slug, DateTime? PublishedAt, bool IsPublished);

public sealed class RelatedPage
{
    public required int ArticleId { get; init; }
    public required string Headline { get; init; }
    public required IReadOnlyList<RelatedRow> Curated { get; init; }
    public required IReadOnlyList<RelatedRow> Automatic { get; init; }
    public required IReadOnlyList<RelatedRow> Excluded { get; init; }
    public string? Query { get; init; }
    public required IReadOnlyList<RelatedRow> Results { get; init; }
}

/// <summary>Editor curation of the "Related Articles" sidebar; the public page follows on the next request.</summary>
[Route("admin/articles/{id:int}/related")]
[Authorize(Policy = Policies.Publisher)]
public class RelatedController(
    NewsPortalDbContext db,
    RelatedLinkService related,
    PublishedArticles published,
    ArticleChangePublisher changes,
    AuditLog audit) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, string? q, CancellationToken cancellationToken)
    {
        var headline = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Headline).FirstOrDefaultAsync(cancellationToken);
        if (headline is null)
        {
            return NotFound();
        }
        if (q is { Length: > 200 })
        {
            return BadRequest();
        }
        var order = await related.GetOrderAsync(id, cancellationToken);
        var curated = await Rows(db.Articles.Where(a => order.Contains(a.Id)), cancellationToken);
        var excludedIds = await db.RelatedExclusions.AsNoTracking().Where(e => e.ArticleId == id).Select(e => e.ExcludedArticleId).ToListAsync(cancellationToken);
        var automaticIds = await db.AutomaticRelatedLinks.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Position)
            .Select(r => r.RelatedArticleId).ToListAsync(cancellationToken);
        var automatic = await Rows(db.Articles.Where(a => automaticIds.Contains(a.Id) && !excludedIds.Contains(a.Id) && !order.Contains(a.Id)), cancellationToken);
        var results = new List<RelatedRow>();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            results = await published.Query()
                .Where(a => a.Id != id && !order.Contains(a.Id) && (a.Headline.Contains(term) || a.Slug.Contains(term)))
                .OrderByDescending(a => a.PublishedAt).Take(20)
                .Select(a => new RelatedRow(a.Id, a.Headline, a.Slug, a.PublishedAt, true))
                .ToListAsync(cancellationToken);
        }
        return View(new RelatedPage
        {
            ArticleId = id,
            Headline = headline,
            Curated = order.Select(o => curated.First(c => c.Id == o)).ToList(),
            Automatic = automaticIds.Select(a => automatic.FirstOrDefault(r => r.Id == a)).OfType<RelatedRow>().ToList(),
            Excluded = await Rows(db.Articles.Where(a => excludedIds.Contains(a.Id)), cancellationToken),
            Query = q,
            Results = results,
        });
    }

    private static Task<List<RelatedRow>> Rows(IQueryable<Article> articles, CancellationToken cancellationToken) =>
        articles.AsNoTracking().Select(a => new RelatedRow(a.Id, a.Headline, a.Slug, a.PublishedAt, a.Status == ArticleStatus.Published)).ToListAsync(cancellationToken);

    [HttpPost("add")]
    public Task<IActionResult> Add(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Added related link", relatedId, () => related.AddAsync(id, relatedId, cancellationToken), cancellationToken);

    [HttpPost("remove")]
    public Task<IActionResult> Remove(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Removed related link", relatedId, () => related.RemoveAsync(id, relatedId, cancellationToken), cancellationToken);

    [HttpPost("up")]
    public Task<IActionResult> Up(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Moved related link up", relatedId, () => related.MoveAsync(id, relatedId, -1, cancellationToken), cancellationToken);

    [HttpPost("down")]
    public Task<IActionResult> Down(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Moved related link down", relatedId, () => related.MoveAsync(id, relatedId, 1, cancellationToken), cancellationToken);

    [HttpPost("exclude")]
    public Task<IActionResult> Exclude(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Excluded automatic pick", relatedId, async () =>
        {
            if (!await db.Articles.AnyAsync(a => a.Id == relatedId, cancellationToken))
            {
                return RelatedLinkResult.Fail("That article does not exist.");
            }
            if (!await db.RelatedExclusions.AnyAsync(e => e.ArticleId == id && e.ExcludedArticleId == relatedId, cancellationToken))
            {
                db.RelatedExclusions.Add(new RelatedExclusion { ArticleId = id, ExcludedArticleId = relatedId });
                await db.SaveChangesAsync(cancellationToken);
            }
            return RelatedLinkResult.Ok;
        }, cancellationToken);

    [HttpPost("include")]
    public Task<IActionResult> Include(int id, int relatedId, CancellationToken cancellationToken) =>
        Apply(id, "Included automatic pick", relatedId, async () =>
        {
            var removed = await db.RelatedExclusions.Where(e => e.ArticleId == id && e.ExcludedArticleId == relatedId).ExecuteDeleteAsync(cancellationToken);
            return removed == 0 ? RelatedLinkResult.Fail("That article is not excluded.") : RelatedLinkResult.Ok;
        }, cancellationToken);

    private async Task<IActionResult> Apply(int id, string action, int relatedId, Func<Task<RelatedLinkResult>> change, CancellationToken cancellationToken)
    {
        var slug = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            FlashError("Choose an article.");
            return Redirect($"/admin/articles/{id}/related");
        }
        var result = await change();
        if (!result.Succeeded)
        {
            FlashError(result.Error!);
            return Redirect($"/admin/articles/{id}/related");
        }
        audit.Add(await EditorAsync(cancellationToken), action, nameof(Article), id, $"Related article {relatedId}");
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(new ArticleChange(id, ArticleChangeKind.Edited, [slug]), cancellationToken);
        Flash("Related articles updated.");
        return Redirect($"/admin/articles/{id}/related");
    }
}
