using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPortal.Web.Features.Media;

/// <summary>
/// Addresses of library images: <c>/media/{id}/{name}-v{version}</c>, with <c>w</c>, <c>q</c> and <c>ar</c> in the query.
/// The version in the name changes on every replacement or new focal point, so each address can be cached for ever.
/// </summary>
public static partial class MediaUrls
{
    /// <summary>The widths a rendition may have; any other <c>w</c> is a bad request.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 480, 640, 960, 1280, 1920, 3840];

    /// <summary>The widths offered in <c>srcset</c> (3840 only on request: no page needs it).</summary>
    private static readonly int[] SrcsetWidths = [320, 480, 640, 960, 1280, 1920];

    public const int DefaultQuality = 80;

    public static string PublicName(string fileName, int version) => $"{fileName}-v{version.ToString(CultureInfo.InvariantCulture)}";

    public static string Path(int id, string fileName, int version) =>
        $"/media/{id.ToString(CultureInfo.InvariantCulture)}/{PublicName(fileName, version)}";

    /// <summary>The id of a library image address (hero URL or Markdown image), or null for any other address.</summary>
    public static int? TryParseId(string? url) =>
        url is not null && LibraryPath().Match(url) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsLibrary(string? url) => TryParseId(url) is not null;

    /// <summary>The address without its query: what <see cref="Rendition"/> adds its parameters to.</summary>
    public static string Base(string url) => url.Split('?', 2)[0];

    public static string Rendition(string url, int width, CropRatio? ratio = null, int quality = DefaultQuality)
    {
        var address = $"{Base(url)}?w={width.ToString(CultureInfo.InvariantCulture)}";
        if (quality != DefaultQuality)
        {
            address += "&q=" + quality.ToString(CultureInfo.InvariantCulture);
        }
        return ratio is null ? address : address + "&ar=" + ratio.Name;
    }

    /// <summary>The <c>w</c> of an address's query when it is one of <see cref="Widths"/>; null otherwise.</summary>
    public static int? RequestedWidth(string url)
    {
        var query = url.Split('?', 2) is [_, var rest] ? rest : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("w=", StringComparison.Ordinal)
                && int.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var width) && Widths.Contains(width))
            {
                return width;
            }
        }
        return null;
    }

    /// <summary>A <c>srcset</c> of the crop at every offered width.</summary>
    public static string Srcset(string url, CropRatio? ratio) =>
        string.Join(", ", SrcsetWidths.Select(w => $"{Rendition(url, w, ratio)} {w.ToString(CultureInfo.InvariantCulture)}w"));

    /// <summary>The pixel height of a crop at a width, for <c>width</c>/<c>height</c> attributes and Open Graph.</summary>
    public static int HeightAt(int width, CropRatio ratio) => (int)Math.Round((double)width * ratio.Height / ratio.Width);

    [GeneratedRegex(@"^/media/([0-9]{1,9})/[a-z0-9-]+(?:\?|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LibraryPath();
}
