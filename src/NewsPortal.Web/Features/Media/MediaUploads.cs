using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Media;

/// <summary>
/// Takes uploads into the library: reads at most the size limit, checks the bytes (<see cref="ImageInspector"/>),
/// and only then writes the original under a server-generated name and its row. A refused file leaves nothing behind.
/// </summary>
public sealed class MediaUploads(
    NewsPortalDbContext db, MediaStorage storage, MediaRenditions renditions, AuditLog audit, TimeProvider clock, IOptions<MediaOptions> options)
{
    private readonly MediaOptions _options = options.Value;

    public string SizeLimitMessage => $"The file is larger than the limit of {FormatSize(_options.MaxUploadBytes)}. Make it smaller and upload it again.";

    public async Task<UploadResult> UploadAsync(string originalName, Stream content, MediaDetailsForm details, Editor editor, CancellationToken cancellationToken)
    {
        var name = DisplayName(originalName);
        var (bytes, error) = await ReadCheckedAsync(content, cancellationToken);
        if (error is not null)
        {
            return UploadResult.Refused(name, error);
        }
        var image = ImageInspector.Inspect(bytes, _options.MaxPixels, out error);
        if (image is null)
        {
            return UploadResult.Refused(name, error ?? ImageInspector.NotAnImage);
        }
        var relative = MediaStorage.NewOriginalPath(image.Format);
        await storage.WriteAsync(relative, bytes, cancellationToken);
        var media = new Domain.Media
        {
            FileName = SafeName(name),
            OriginalName = name,
            ContentType = image.Format.ContentType,
            SizeBytes = bytes.Length,
            Width = image.Width,
            Height = image.Height,
            StoragePath = relative,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = editor.Name,
            UploadedByUserId = editor.UserId,
        };
        MediaLibrary.Apply(media, details);
        db.Media.Add(media);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(editor, MediaAuditActions.Uploaded, MediaAuditActions.EntityType, media.Id, name);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            storage.Delete(relative);
            throw;
        }
        return new UploadResult(media.Id, null, name);
    }

    /// <summary>Puts new bytes behind an existing image; its address gets a new version and articles follow it.</summary>
    public async Task<UploadResult> ReplaceAsync(int id, string originalName, Stream content, Editor editor, CancellationToken cancellationToken)
    {
        var name = DisplayName(originalName);
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
        {
            return UploadResult.Refused(name, "This image no longer exists.");
        }
        var (bytes, error) = await ReadCheckedAsync(content, cancellationToken);
        var image = error is null ? ImageInspector.Inspect(bytes, _options.MaxPixels, out error) : null;
        if (image is null)
        {
            return UploadResult.Refused(name, error ?? ImageInspector.NotAnImage);
        }
        var previous = media.StoragePath;
        var relative = MediaStorage.NewOriginalPath(image.Format);
        await storage.WriteAsync(relative, bytes, cancellationToken);
        media.StoragePath = relative;
        media.OriginalName = name;
        media.ContentType = image.Format.ContentType;
        media.SizeBytes = bytes.Length;
        media.Width = image.Width;
        media.Height = image.Height;
        media.Version++;
        audit.Add(editor, MediaAuditActions.Replaced, MediaAuditActions.EntityType, media.Id, name);
        await db.SaveChangesAsync(cancellationToken);
        await MediaLibrary.RepointHeroesAsync(db, media, cancellationToken);
        storage.Delete(previous);
        renditions.Forget(id);
        return new UploadResult(media.Id, null, name);
    }

    private async Task<(byte[] Bytes, string? Error)> ReadCheckedAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxUploadBytes)
            {
                return ([], SizeLimitMessage);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? ([], "The file is empty.") : (buffer.ToArray(), null);
    }

    /// <summary>The typed name without any folders, for display only.</summary>
    private static string DisplayName(string originalName)
    {
        var name = originalName.Replace('\\', '/').Split('/').LastOrDefault(part => part.Length > 0) ?? "";
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "image" : name[..Math.Min(name.Length, 200)];
    }

    /// <summary>The name in the public address: a slug of the typed name without its extension.</summary>
    private static string SafeName(string displayName)
    {
        var stem = Path.GetFileNameWithoutExtension(displayName);
        var slug = Slugs.FromName(stem.Length == 0 ? "image" : stem, "image");
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
