using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Controllers;

/// <summary>A shared draft: anyone with a live link sees the unpublished article; search engines are told not to index it.</summary>
public class PreviewController(PreviewLinkService links, ArticlePageService articles) : Controller
{
    [HttpGet("/preview/{token}")]
    public async Task<IActionResult> Show(string token, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var articleId = await links.ResolveAsync(token, cancellationToken);
        var page = articleId is { } id ? await articles.BuildArticlePageAsync(id, isPreview: true, cancellationToken) : null;
        return page is null ? NotFound() : View("~/Views/Articles/Show.cshtml", page);
    }
}
