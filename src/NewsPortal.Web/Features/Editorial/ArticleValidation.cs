using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Media;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>The article form's field rules that need more than the model's attributes: the database, the kind, addresses.</summary>
public sealed class ArticleValidation(NewsPortalDbContext db, LibraryImages bodyImages)
{
    public async Task ValidateAsync(ArticleEditModel model, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var headline = model.Headline?.Trim() ?? "";
        if (headline.Length == 0)
        {
            errors[nameof(model.Headline)] = "Write a headline.";
        }
        else if (headline.StartsWith('['))
        {
            errors[nameof(model.Headline)] = "Don't type a name in brackets: a column shows its columnist as [Name] automatically.";
        }
        if (!Enum.IsDefined(model.Kind))
        {
            errors[nameof(model.Kind)] = "Choose a kind.";
        }
        if (!await db.Sections.AnyAsync(s => s.Id == model.SectionId, cancellationToken))
        {
            errors[nameof(model.SectionId)] = "Choose a section.";
        }
        if (!await db.Authors.AnyAsync(a => a.Id == model.AuthorId, cancellationToken))
        {
            errors[nameof(model.AuthorId)] = "Choose an author.";
        }
        if (model.SourceId is > 0 && !await db.Sources.AnyAsync(s => s.Id == model.SourceId, cancellationToken))
        {
            errors[nameof(model.SourceId)] = "Choose a source from the list, or none.";
        }
        if (ArticleFormOptions.Languages.All(l => l.Value != model.Language))
        {
            errors[nameof(model.Language)] = "Choose a language from the list.";
        }
        if (!WebAddress.IsValid(model.OriginalUrl, allowLocal: false))
        {
            errors[nameof(model.OriginalUrl)] = "The original URL must be a full http:// or https:// address.";
        }
        if (!WebAddress.IsValid(model.HeroImageUrl, allowLocal: true))
        {
            errors[nameof(model.HeroImageUrl)] = "The image URL must be an https:// address or a path on this site starting with /.";
        }
        if (!string.IsNullOrWhiteSpace(model.HeroImageUrl) && string.IsNullOrWhiteSpace(model.HeroAlt))
        {
            // A library image may bring its own alt text (the save copies it); one without any cannot be used.
            var libraryAlt = MediaUrls.TryParseId(model.HeroImageUrl.Trim()) is { } mediaId
                ? await db.Media.Where(m => m.Id == mediaId).Select(m => m.AltText).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (string.IsNullOrWhiteSpace(libraryAlt))
            {
                errors[nameof(model.HeroAlt)] = libraryAlt is null
                    ? "Describe the image for readers who cannot see it (alt text)."
                    : "This library image has no alt text yet: describe it here, or add alt text to it in the media library first.";
            }
        }
        if (model.BodyMarkdown is { Length: > 0 } body)
        {
            var images = await bodyImages.FindAsync(body, cancellationToken);
            var unnamed = bodyImages.WithoutAlt(body, images);
            if (unnamed.Count > 0)
            {
                errors[nameof(model.BodyMarkdown)] =
                    $"The library image {unnamed[0]} in the body has no alt text: write it between the brackets ![like this](…), or add alt text to it in the media library first.";
            }
        }
    }
}
