using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Media;

/// <summary>
/// The files under <see cref="MediaOptions.Root"/>: originals under server-generated names and the rendition cache.
/// Every path is built here and checked to stay inside the root.
/// </summary>
public sealed class MediaStorage(IOptions<MediaOptions> options)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.Root));

    public string Root => _root;

    /// <summary>A fresh relative path for an original of the given format; nothing the user typed is in it.</summary>
    public static string NewOriginalPath(ImageFormat format) => $"originals/{Guid.NewGuid():N}{format.Extension}";

    /// <summary>The absolute path of a relative one, or an exception when it would leave the root.</summary>
    public string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A media path must stay inside Media:Root.");
        }
        return full;
    }

    public string RenditionPath(int id, string key) => FullPath($"cache/{id}/{key}");

    /// <summary>Writes the bytes to a temporary file first and moves it into place, so a half-written original is never seen.</summary>
    public async Task WriteAsync(string relative, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string relative)
    {
        var path = FullPath(relative);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Drops every cached rendition of an image (after a replacement or a delete).</summary>
    public void DeleteRenditions(int id)
    {
        var folder = FullPath($"cache/{id}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
