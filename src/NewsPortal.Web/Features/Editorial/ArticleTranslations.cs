using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Links an article to the same story in another language through a shared translation group.</summary>
public sealed class ArticleTranslations(NewsPortalDbContext db, EditorialAccess access)
{
    /// <summary>
    /// The group named by the form's "translation of" slug, or null; the other article joins a new group at once
    /// when it had none. Only an article <paramref name="editor"/> may view can be named: any other is answered
    /// as if it did not exist, so the form reveals nothing about it (not its headline, language or existence).
    /// </summary>
    public async Task<Guid?> ResolveAsync(ArticleEditModel model, Editor editor, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (Slugs.Typed(model.TranslationOf) is not { } slug)
        {
            return null;
        }
        var other = await db.Articles.Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Language, a.TranslationGroup }).FirstOrDefaultAsync(cancellationToken);
        if (other is null || await access.CanViewAsync(other.Id, editor, cancellationToken) != AccessResult.Allowed)
        {
            errors[nameof(model.TranslationOf)] = $"No article has the slug '{slug}'.";
            return null;
        }
        if (other.Id == model.Id)
        {
            errors[nameof(model.TranslationOf)] = "An article cannot be a translation of itself.";
            return null;
        }
        if (other.Language == model.Language)
        {
            errors[nameof(model.TranslationOf)] = "That article is in the same language; a translation links different languages.";
            return null;
        }
        if (other.TranslationGroup is { } group)
        {
            return group;
        }
        var newGroup = Guid.NewGuid();
        await db.Articles.Where(a => a.Id == other.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.TranslationGroup, newGroup), cancellationToken);
        return newGroup;
    }
}
