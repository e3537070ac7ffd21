namespace NewsPortal.Web.Features.Shared;

/// <summary>How optional text typed into a form is stored.</summary>
public static class FormText
{
    /// <summary>Blank means absent: null for empty or white-space input, otherwise the trimmed text.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
