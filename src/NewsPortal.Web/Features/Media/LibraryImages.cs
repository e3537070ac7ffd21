using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Web.Features.Media;

/// <summary>What a page needs to know of a library image it shows: its pixel size and alt text.</summary>
public sealed record LibraryImage(int Id, int Width, int Height, string AltText);

/// <summary>
/// The library images a Markdown text shows, read in one query when the article is saved, so the rendered body carries
/// their sizes and no page view has to look them up.
/// </summary>
public sealed class LibraryImages(NewsPortalDbContext db, IMarkdownRenderer markdown)
{
    public async Task<IReadOnlyDictionary<int, LibraryImage>> FindAsync(string? body, CancellationToken cancellationToken)
    {
        var ids = markdown.Images(body ?? "").Select(i => MediaUrls.TryParseId(i.Url)).OfType<int>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, LibraryImage>();
        }
        return await db.Media.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new LibraryImage(m.Id, m.Width, m.Height, m.AltText))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    /// <summary>Addresses of library images that have no alt text anywhere: none between the brackets, none in the library.</summary>
    public IReadOnlyList<string> WithoutAlt(string? body, IReadOnlyDictionary<int, LibraryImage> images) =>
        markdown.Images(body ?? "")
            .Where(i => i.AltText.Length == 0 && MediaUrls.TryParseId(i.Url) is { } id
                && images.TryGetValue(id, out var image) && image.AltText.Trim().Length == 0)
            .Select(i => MediaUrls.Base(i.Url))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
