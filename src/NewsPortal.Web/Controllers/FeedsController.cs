using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Feeds;

namespace NewsPortal.Web.Controllers;

public class FeedsController(FeedService feeds) : Controller
{
    [HttpGet("/rss.xml")]
    public async Task<IActionResult> Rss(CancellationToken cancellationToken) =>
        Serve(await feeds.GetSiteAsync(cancellationToken), FeedFormat.Rss);

    [HttpGet("/atom.xml")]
    public async Task<IActionResult> Atom(CancellationToken cancellationToken) =>
        Serve(await feeds.GetSiteAsync(cancellationToken), FeedFormat.Atom);

    [HttpGet("/sections/{slug}/rss.xml")]
    public async Task<IActionResult> Section(string slug, CancellationToken cancellationToken) =>
        Serve(await feeds.GetSectionAsync(slug, cancellationToken), FeedFormat.Rss);

    [HttpGet("/tags/{slug}/rss.xml")]
    public async Task<IActionResult> Tag(string slug, CancellationToken cancellationToken) =>
        Serve(await feeds.GetTagAsync(slug, cancellationToken), FeedFormat.Rss);

    [HttpGet("/authors/{slug}/rss.xml")]
    public async Task<IActionResult> Author(string slug, CancellationToken cancellationToken) =>
        Serve(await feeds.GetAuthorAsync(slug, cancellationToken), FeedFormat.Rss);

    private IActionResult Serve(FeedContent? content, FeedFormat format)
    {
        if (content is null)
        {
            return NotFound();
        }
        // The format is part of the validator: /rss.xml and /atom.xml differ for the same entries.
        var etag = content.ETag.Insert(content.ETag.Length - 1, format == FeedFormat.Rss ? "-r" : "-a");
        if (ConditionalGet.IsNotModified(HttpContext, etag, content.LastModified))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }
        var bytes = feeds.Render(content, format, Request, Request.Path);
        return File(bytes, format == FeedFormat.Rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
    }
}
