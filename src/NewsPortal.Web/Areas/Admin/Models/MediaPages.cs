using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Areas.Admin.Models;

/// <summary>The library: search, upload form, one page of images; refused uploads are listed with their reasons.</summary>
public sealed class MediaIndexPage
{
    public required MediaListPage List { get; init; }
    public IReadOnlyList<UploadResult> Refused { get; init; } = [];
    public required long MaxUploadBytes { get; init; }
}

/// <summary>One image: its details form, where it is used, replace and delete.</summary>
public sealed class MediaEditPage
{
    public required MediaItem Item { get; init; }
    public required MediaDetailsForm Form { get; init; }
    public required IReadOnlyList<MediaUse> Uses { get; init; }
    public string? ReplaceError { get; init; }
}

/// <summary>"Delete this image?" with the articles that would lose it.</summary>
public sealed class MediaDeletePage
{
    public required MediaItem Item { get; init; }
    public required IReadOnlyList<MediaUse> Uses { get; init; }
}

/// <summary>The article editor's picker: recent images; only those with alt text can be used.</summary>
public sealed class MediaPickerPage
{
    public required MediaListPage List { get; init; }
}
