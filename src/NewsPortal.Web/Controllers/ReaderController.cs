using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Controllers;

/// <summary>Shared helpers for the reader site's controllers.</summary>
public abstract class ReaderController : Controller
{
    private const int MaxPage = 100_000;

    /// <summary>Reads <c>?page=</c>: absent means 1; anything but a whole number from 1 up is a bad request.</summary>
    protected static bool TryReadPage(string? raw, out int page)
    {
        if (raw is null)
        {
            page = 1;
            return true;
        }
        return Paging.TryReadNumber(raw, maxDigits: 6, out page) && page <= MaxPage;
    }
}
