namespace NewsPortal.Web.Domain;

/// <summary>An uploaded image of the media library; readers get re-encoded renditions of it, never the stored file.</summary>
public class Media
{
    public int Id { get; set; }

    /// <summary>The safe name in the public address (<c>/media/{id}/{FileName}-v{Version}</c>), made by the server from the upload's name.</summary>
    public required string FileName { get; set; }

    /// <summary>The name the uploader's file had, shown in the library only; never used as a path.</summary>
    public string OriginalName { get; set; } = "";

    /// <summary>The format found in the bytes: image/jpeg, image/png, image/webp or image/gif.</summary>
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>Pixels after the EXIF orientation is applied.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public string AltText { get; set; } = "";
    public string? Credit { get; set; }
    public string? Caption { get; set; }

    /// <summary>Where crops centre, 0–1 from the left and from the top.</summary>
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;

    /// <summary>Goes up on every replacement, so renditions' addresses change and can be cached for ever.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Server-generated path under the media root.</summary>
    public required string StoragePath { get; set; }
    public DateTime UploadedAt { get; set; }

    /// <summary>The uploader's user name and Identity id; Authors may change only their own uploads.</summary>
    public string? UploadedBy { get; set; }
    public string? UploadedByUserId { get; set; }
}
