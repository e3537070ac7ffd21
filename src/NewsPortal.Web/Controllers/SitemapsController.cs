using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Sitemaps;

namespace NewsPortal.Web.Controllers;

public class SitemapsController(SitemapService sitemaps, SitemapGate gate) : Controller
{
    private const string XmlType = "application/xml; charset=utf-8";

    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        Xml(await gate.RunAsync(() => sitemaps.IndexAsync(Request, cancellationToken), cancellationToken));

    [HttpGet("/sitemaps/pages.xml")]
    public async Task<IActionResult> Pages(CancellationToken cancellationToken) =>
        Xml(await gate.RunAsync(() => sitemaps.PagesAsync(Request, cancellationToken), cancellationToken));

    [HttpGet("/sitemaps/articles-{page}.xml")]
    public async Task<IActionResult> Articles(string page, CancellationToken cancellationToken)
    {
        // Zero is a well-formed number: the service finds no such page (404), not a bad request.
        if (!Paging.TryReadNumber(page, maxDigits: 6, out var number, min: 0))
        {
            return BadRequest();
        }
        var xml = await gate.RunAsync(() => sitemaps.ArticlesAsync(number, Request, cancellationToken), cancellationToken);
        return xml is null ? NotFound() : Xml(xml);
    }

    [HttpGet("/sitemap-news.xml")]
    public async Task<IActionResult> News(CancellationToken cancellationToken) =>
        Xml(await gate.RunAsync(() => sitemaps.NewsAsync(Request, cancellationToken), cancellationToken), maxAgeSeconds: 300);

    [HttpGet("/robots.txt")]
    public IActionResult Robots()
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(sitemaps.RobotsTxt(Request), "text/plain; charset=utf-8");
    }

    private IActionResult Xml(byte[] content, int maxAgeSeconds = 900)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..20] + "\"";
        Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        if (ConditionalGet.Matches(Request, etag))
        {
            Response.Headers.ETag = etag;
            return StatusCode(StatusCodes.Status304NotModified);
        }
        Response.Headers.ETag = etag;
        return File(content, XmlType);
    }
}
