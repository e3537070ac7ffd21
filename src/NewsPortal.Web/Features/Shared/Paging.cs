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
