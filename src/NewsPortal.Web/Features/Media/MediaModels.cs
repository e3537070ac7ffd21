namespace NewsPortal.Web.Features.Media;

/// <summary>The words and focal point an editor gives an image; focal point in percent from the left and the top.</summary>
public sealed class MediaDetailsForm
{
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public double FocalX { get; set; } = 50;
    public double FocalY { get; set; } = 50;
}

/// <summary>An article that shows the image, as its hero or in its text.</summary>
public sealed record MediaUse(int ArticleId, string Headline);

/// <summary>One image as the library and the editor's picker show it.</summary>
public sealed record MediaItem(
    int Id, string Url, string FileName, string OriginalName, string ContentType, int Width, int Height, long SizeBytes,
    string AltText, string? Caption, string? Credit, double FocalX, double FocalY, DateTime UploadedAt, string? UploadedBy,
    bool CanChange)
{
    public bool HasAlt => AltText.Length > 0;
}

public sealed record MediaListPage(IReadOnlyList<MediaItem> Items, IReadOnlyDictionary<int, IReadOnlyList<MediaUse>> HeroUses, string? Query, int Page, int TotalPages, int Total);

/// <summary>The outcome of an upload or replacement: the image's id, or a message for the form.</summary>
public sealed record UploadResult(int? Id, string? Error, string FileName)
{
    public static UploadResult Refused(string fileName, string error) => new(null, error, fileName);
}
