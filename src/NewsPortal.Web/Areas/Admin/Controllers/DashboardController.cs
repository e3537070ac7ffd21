using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public sealed class DashboardPage
{
    public required Editor Editor { get; init; }
    public required IReadOnlyDictionary<ArticleStatus, int> Counts { get; init; }
    public required IReadOnlyList<ArticleListItem> AwaitingReview { get; init; }
    public required IReadOnlyList<ArticleListItem> Scheduled { get; init; }
    public required IReadOnlyList<ArticleListItem> Recent { get; init; }
}

public class DashboardController(NewsPortalDbContext db) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(cancellationToken);
        var articles = db.Articles.AsNoTracking();
        if (!editor.CanPublish)
        {
            articles = articles.Where(a => a.AuthorId == editor.AuthorId);
        }
        var counts = await articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var submittedIds = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Article) && e.Action == AuditActions.Submitted)
            .OrderByDescending(e => e.Id).Select(e => e.EntityId!).Take(200).ToListAsync(cancellationToken);
        var ids = submittedIds.Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Distinct().ToList();

        return View(new DashboardPage
        {
            Editor = editor,
            Counts = counts.ToDictionary(c => c.Key, c => c.Count),
            AwaitingReview = await Items(articles.Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Draft), 20, cancellationToken),
            Scheduled = await Items(articles.Where(a => a.Status == ArticleStatus.Scheduled), 20, cancellationToken, byPublishTime: true),
            Recent = await Items(articles, 10, cancellationToken),
        });
    }

    private static Task<List<ArticleListItem>> Items(IQueryable<Article> query, int count, CancellationToken cancellationToken, bool byPublishTime = false) =>
        (byPublishTime ? query.OrderBy(a => a.PublishedAt) : query.OrderByDescending(a => a.UpdatedAt))
            .Take(count)
            .Select(a => new ArticleListItem(a.Id, a.Slug, a.Headline, a.Kind, a.Status, a.Author!.Name, a.Section!.Name, a.PublishedAt, a.UpdatedAt, a.Language))
            .ToListAsync(cancellationToken);
}
