using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Articles;

/// <summary>
/// The one rule for what readers may see: published, and published by now. Every reader query
/// starts from <see cref="Query"/> (or <see cref="PublishedRule"/> with the same <see cref="Now"/>);
/// tests/NewsPortal.Tests/Features/Articles/PublishedRuleTests.cs fails when a reader page runs a
/// query over <c>Articles</c> without it.
/// </summary>
public sealed class PublishedArticles(NewsPortalDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IQueryable<Article> Query() => db.Articles.AsNoTracking().PublishedBy(Now);

    /// <summary>Tag rows of visible articles, by the copies of status and time that ArticleTags keeps for the tag pages' index.</summary>
    public IQueryable<ArticleTag> Tags() => db.ArticleTags.AsNoTracking().PublishedBy(Now);
}

/// <summary>The published-and-due predicate itself, for LINQ and for the few raw SQL statements.</summary>
public static class PublishedRule
{
    /// <summary>How <see cref="ArticleStatus.Published"/> is stored (the enum's name).</summary>
    public const string PublishedStatus = nameof(ArticleStatus.Published);

    public static IQueryable<Article> PublishedBy(this IQueryable<Article> articles, DateTime now) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);

    /// <summary>
    /// Published, due or not: only for derived data (search index, related picks) prepared ahead so
    /// it is ready the moment an article falls due. What reaches a reader is filtered by <see cref="PublishedBy(IQueryable{Article}, DateTime)"/>.
    /// </summary>
    public static IQueryable<Article> PublishedAnyTime(this IQueryable<Article> articles) =>
        articles.Where(a => a.Status == ArticleStatus.Published);

    public static IQueryable<ArticleTag> PublishedBy(this IQueryable<ArticleTag> tags, DateTime now) =>
        tags.Where(t => t.ArticleStatus == ArticleStatus.Published && t.ArticlePublishedAt <= now);

    /// <summary>
    /// The rule as SQL over <c>Articles</c>: <c>"Status" = 'Published' AND "PublishedAt" &lt;= now</c>,
    /// with <paramref name="now"/> the parameter's placeholder (<c>$now</c>, <c>{0}</c>) and
    /// <paramref name="table"/> the alias to qualify the columns with, if any. The status is written
    /// out, not bound, so SQLite can match partial indexes whose condition names it.
    /// </summary>
    public static string Sql(string now, string? table = null)
    {
        var prefix = table is null ? "" : $"\"{table}\".";
        return $"{prefix}\"Status\" = '{PublishedStatus}' AND {prefix}\"PublishedAt\" <= {now}";
    }
}
