namespace NewsPortal.Web.Domain;

public class Media
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string AltText { get; set; } = "";
    public string? Credit { get; set; }
    public string? Caption { get; set; }

    /// <summary>Path under the media root.</summary>
    public required string StoragePath { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}
