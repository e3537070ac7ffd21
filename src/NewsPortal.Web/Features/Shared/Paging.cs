using System.Globalization;

namespace NewsPortal.Web.Features.Shared;

/// <summary>The one rule for numbers read from addresses (<c>?page=</c>, ids, sitemap pages) and for page counts.</summary>
public static class Paging
{
    /// <summary>
    /// Reads a whole number of at most <paramref name="maxDigits"/> ASCII digits (no sign, no spaces) that is at least
    /// <paramref name="min"/>; anything else is a bad request, never an exception.
    /// </summary>
    public static bool TryReadNumber(string? raw, int maxDigits, out int value, int min = 1)
    {
        value = 0;
        return raw is { Length: > 0 } && raw.Length <= maxDigits
            && raw.All(char.IsAsciiDigit)
            && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min;
    }

    /// <summary>How many pages <paramref name="total"/> items fill; an empty listing still has its first page.</summary>
    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);
}

/// <summary>
/// What the site's pager (<c>Views/Shared/_Pager</c>) needs of a paged page: listings (newest first: "Newer" / "Older")
/// and a discussion's comments (oldest first: "Earlier" / "Later").
/// </summary>
public interface IPaged
{
    int Page { get; }
    int TotalPages { get; }

    /// <summary>The page's address without <c>?page=</c>: page 1 is linked without it.</summary>
    string BasePath { get; }

    string PreviousLabel { get; }
    string NextLabel { get; }

    bool HasPrevious => Page > 1;
    bool HasNext => Page < TotalPages;
}
