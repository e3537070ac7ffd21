using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>An article's address: the one typed, kept or made from the headline, and the redirects left behind.</summary>
public sealed class ArticleSlugs(NewsPortalDbContext db, TimeProvider clock)
{
    /// <summary>The slug the article will have; a typed slug that is malformed or taken is reported in <paramref name="errors"/>.</summary>
    public async Task<string> ResolveAsync(ArticleEditModel model, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (Slugs.Typed(model.Slug) is { } typed)
        {
            if (!ArticleText.IsValidSlug(typed))
            {
                errors[nameof(model.Slug)] = Slugs.Rule;
                return typed;
            }
            if (await IsTakenAsync(typed, model.Id, cancellationToken))
            {
                errors[nameof(model.Slug)] = $"The slug '{typed}' is already used by another article.";
            }
            return typed;
        }
        if (model.Id is { } id)
        {
            // Clearing the slug of an existing article keeps the one it has.
            return await db.Articles.Where(a => a.Id == id).Select(a => a.Slug).FirstAsync(cancellationToken);
        }
        var baseSlug = ArticleText.Slugify(model.Headline ?? "");
        if (baseSlug.Length == 0)
        {
            // Headlines without Latin letters (Korean) get a dated slug.
            baseSlug = "article-" + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }
        var candidate = baseSlug;
        for (var n = 2; await IsTakenAsync(candidate, null, cancellationToken); n++)
        {
            candidate = $"{baseSlug}-{n}";
        }
        return candidate;
    }

    /// <summary>Leaves the old address redirecting to the article (tracked, saved with the article).</summary>
    public async Task MoveAsync(Article article, string oldSlug, string newSlug, CancellationToken cancellationToken)
    {
        // Going back to an earlier slug: it is the address again, not a redirect.
        await db.ArticleSlugRedirects.Where(r => r.Slug == newSlug && r.ArticleId == article.Id).ExecuteDeleteAsync(cancellationToken);
        if (!await db.ArticleSlugRedirects.AnyAsync(r => r.Slug == oldSlug, cancellationToken))
        {
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { Slug = oldSlug, Article = article });
        }
    }

    private async Task<bool> IsTakenAsync(string slug, int? articleId, CancellationToken cancellationToken) =>
        await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != articleId, cancellationToken)
        || await db.ArticleSlugRedirects.AnyAsync(r => r.Slug == slug && r.ArticleId != articleId, cancellationToken);
}
