using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace NewsPortal.Web.Controllers;

/// <summary>Shared helpers for the reader site's controllers.</summary>
public abstract class ReaderController : Controller
{
    private const int MaxPage = 100_000;

    /// <summary>Reads <c>?page=</c>: absent means 1; anything but a whole number from 1 up is a bad request.</summary>
    protected static bool TryReadPage(string? raw, out int page)
    {
        page = 1;
        if (raw is null)
        {
            return true;
        }
        return raw.Length <= 6
            && raw.All(char.IsAsciiDigit)
            && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out page)
            && page is >= 1 and <= MaxPage;
    }
}
