namespace NewsPortal.Web.Features.Media;

/// <summary>The <c>Media</c> section: where uploads live and how large they may be.</summary>
public sealed class MediaOptions
{
    /// <summary>Folder for originals and cached renditions; empty means <c>media</c> beside the SQLite database (the data folder).</summary>
    public string Root { get; set; } = "";

    /// <summary>Largest accepted upload, in bytes (20 MB).</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted image, in pixels (width × height, read from the header before decoding).</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>How many renditions may be resized at once; the others wait.</summary>
    public int ResizeSlots { get; set; } = Math.Max(1, Environment.ProcessorCount);
}
