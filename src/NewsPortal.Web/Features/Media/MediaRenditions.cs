using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Media;

public enum RenditionStatus
{
    Ok,
    NotModified,
    BadRequest,
    NotFound,
}

/// <summary>What <c>GET /media/{id}/{file}</c> answers: a cached file to send, or a status.</summary>
public sealed record RenditionResult(RenditionStatus Status, string? Path = null, string? ContentType = null, string? ETag = null);

/// <summary>The facts a rendition needs, kept in memory briefly so a cached rendition costs no query.</summary>
internal sealed record StoredImage(string StoragePath, string FileName, int Version, double FocalX, double FocalY);

/// <summary>
/// Serves renditions: checks w/q/ar, resizes once per rendition into the disk cache (one resize even for concurrent
/// first requests), then answers from the cache with ETag/304 and a year of caching for versioned addresses.
/// </summary>
public sealed partial class MediaRenditions(
    IServiceScopeFactory scopes, IMemoryCache memory, MediaStorage storage, RenditionGate gate, RenditionStats stats, ILogger<MediaRenditions> logger)
{
    /// <summary>Without <c>w</c>: the width an address used as a plain image (feeds, the home lead) gets.</summary>
    private const int DefaultWidth = 1280;

    public async Task<RenditionResult> GetAsync(HttpContext context, int id, string file, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (!TryReadWidth(query["w"], out var width) || !TryReadQuality(query["q"], out var quality)
            || !TryReadRatio(query["ar"], out var ratio) || query["w"].Count > 1 || query["q"].Count > 1 || query["ar"].Count > 1)
        {
            return new RenditionResult(RenditionStatus.BadRequest);
        }
        var image = await FindAsync(id, cancellationToken);
        if (image is not null && !File.Exists(storage.FullPath(image.StoragePath)))
        {
            // Replaced or deleted, maybe by another replica sharing Media:Root, whose Forget did not reach this process's memory.
            memory.Remove(CacheKey(id));
            image = await FindAsync(id, cancellationToken);
        }
        if (image is null)
        {
            return new RenditionResult(RenditionStatus.NotFound);
        }
        var webp = AcceptsWebp(context.Request.Headers.Accept.ToString());
        var extension = webp ? "webp" : "jpg";
        var key = string.Create(CultureInfo.InvariantCulture, $"v{image.Version}-w{width}-q{quality}-{ratio?.Name ?? "full"}.{extension}");
        var etag = $"\"{id.ToString(CultureInfo.InvariantCulture)}-{key}\"";

        var response = context.Response;
        response.Headers.Vary = "Accept";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = file == MediaUrls.PublicName(image.FileName, image.Version)
            ? "public, max-age=31536000, immutable"
            // An old version's address still shows the current image, briefly cached, so stale pages keep their pictures.
            : "public, max-age=300";
        if (ConditionalGet.Matches(context.Request, etag))
        {
            return new RenditionResult(RenditionStatus.NotModified);
        }

        var path = storage.RenditionPath(id, key);
        if (File.Exists(path))
        {
            stats.DiskHit();
        }
        else
        {
            await gate.RunOnceAsync(path, () => ResizeAsync(image, path, width, quality, ratio, webp), cancellationToken);
        }
        return new RenditionResult(RenditionStatus.Ok, path, webp ? "image/webp" : "image/jpeg", etag);
    }

    /// <summary>Forgets what is known of an image after it changed or was deleted, and drops its renditions.</summary>
    public void Forget(int id)
    {
        memory.Remove(CacheKey(id));
        storage.DeleteRenditions(id);
    }

    private async Task ResizeAsync(StoredImage image, string path, int width, int quality, CropRatio? ratio, bool webp)
    {
        if (File.Exists(path))
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        byte[] bytes;
        using (var upright = ImageProcessing.DecodeUpright(storage.FullPath(image.StoragePath)))
        {
            var crop = ImageProcessing.Crop(upright.Width, upright.Height, ratio, image.FocalX, image.FocalY);
            bytes = ImageProcessing.Render(upright, crop, width == 0 ? DefaultWidth : width, quality, webp);
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes);
        File.Move(temp, path, overwrite: true);
        stats.Resized();
        LogResized(logger, System.IO.Path.GetFileName(path), bytes.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<StoredImage?> FindAsync(int id, CancellationToken cancellationToken)
    {
        if (memory.TryGetValue(CacheKey(id), out StoredImage? known))
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        var image = await db.Media.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new StoredImage(m.StoragePath, m.FileName, m.Version, m.FocalX, m.FocalY))
            .FirstOrDefaultAsync(cancellationToken);
        if (image is not null)
        {
            memory.Set(CacheKey(id), image, TimeSpan.FromMinutes(1));
        }
        return image;
    }

    private static string CacheKey(int id) => "media:" + id.ToString(CultureInfo.InvariantCulture);

    internal static bool AcceptsWebp(string accept) =>
        accept.Split(',').Select(part => part.Trim()).Any(part =>
            part.StartsWith("image/webp", StringComparison.OrdinalIgnoreCase) && !part.Replace(" ", "", StringComparison.Ordinal).EndsWith(";q=0", StringComparison.Ordinal));

    private static bool TryReadWidth(string? raw, out int width)
    {
        width = 0;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }
        return Paging.TryReadNumber(raw, 4, out width) && MediaUrls.Widths.Contains(width);
    }

    private static bool TryReadQuality(string? raw, out int quality)
    {
        quality = MediaUrls.DefaultQuality;
        return string.IsNullOrEmpty(raw) || (Paging.TryReadNumber(raw, 3, out quality) && quality is >= 1 and <= 100);
    }

    private static bool TryReadRatio(string? raw, out CropRatio? ratio)
    {
        ratio = CropRatio.Parse(raw);
        return string.IsNullOrEmpty(raw) || ratio is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Media rendition {Rendition} resized: {Bytes} bytes in {Milliseconds:0} ms")]
    private static partial void LogResized(ILogger logger, string rendition, int bytes, double milliseconds);
}
