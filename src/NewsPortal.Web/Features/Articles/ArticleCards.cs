using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Articles;

/// <summary>The card every listing, related box and column list shows, projected in the query that reads it.</summary>
public sealed class ArticleCards(PublishedArticles published)
{
    /// <summary>
    /// Only valid as a query's final projection: EF reads the columns and runs
    /// <see cref="ArticleHeadline.Display"/> on each row, so the bracket rule has one home.
    /// </summary>
    public static readonly Expression<Func<Article, ArticleCard>> Projection = a => new ArticleCard(
        a.Slug,
        ArticleHeadline.Display(a.Kind, a.Author!.Name, a.Headline),
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

    /// <summary><see cref="Projection"/> with the article's id alongside, so cards fetched by id keep the listing's order.</summary>
    private static readonly Expression<Func<Article, KeyedCard>> KeyedProjection = Expression.Lambda<Func<Article, KeyedCard>>(
        Expression.New(
            typeof(KeyedCard).GetConstructor([typeof(int), typeof(ArticleCard)])!,
            Expression.Property(Projection.Parameters[0], nameof(Article.Id)),
            Projection.Body),
        Projection.Parameters[0]);

    /// <summary>Cards for the given ids, in the given order, in one query by primary key; ids of articles readers may not see are left out.</summary>
    public async Task<List<ArticleCard>> ByIdsAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var cards = await published.Query()
            .Where(a => ids.Contains(a.Id))
            .Select(KeyedProjection)
            .ToListAsync(cancellationToken);
        var byId = cards.ToDictionary(c => c.Id, c => c.Card);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }
}
