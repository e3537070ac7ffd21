using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.DemoContent;

/// <summary>
/// The demo heroes: small JPEGs drawn once with SkiaSharp and shipped in images/, loaded through the media library's
/// own upload pipeline, so the demo articles' heroes come from <c>/media/…</c> like an editor's would.
/// </summary>
public sealed class DemoImages(MediaUploads uploads, ILogger<DemoImages> logger)
{
    private static readonly Editor Loader = new(null, "Demo content", CanPublish: true, IsAdmin: false, AuthorId: null);

    /// <summary>Uploads the image behind each <c>/demo/{name}.svg</c> hero; returns the library address and id by old address.</summary>
    public async Task<Dictionary<string, (string Url, int Id)>> LoadAsync(IEnumerable<(string Hero, string? Alt)> heroes, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, (string Url, int Id)>(StringComparer.Ordinal);
        foreach (var (hero, alt) in heroes.DistinctBy(h => h.Hero))
        {
            var name = Path.GetFileNameWithoutExtension(hero) + ".jpg";
            await using var stream = typeof(DemoImages).Assembly.GetManifestResourceStream("demo-images/" + name);
            if (stream is null)
            {
                continue;
            }
            var details = new MediaDetailsForm { AltText = alt, Credit = "NewsPortal graphics", Caption = "Illustration for the section." };
            var result = await uploads.UploadAsync(name, stream, details, Loader, cancellationToken);
            if (result.Id is { } id)
            {
                var stem = Path.GetFileNameWithoutExtension(name);
                loaded[hero] = (MediaUrls.Path(id, stem, 1), id);
            }
            else
            {
                logger.LogWarning("Demo image {Name} was refused: {Error}", name, result.Error);
            }
        }
        return loaded;
    }
}
