using System.IO.Compression;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>What travels over the wire: compressed pages, fingerprinted long-lived assets, page weight.</summary>
public class DeliveryTests(CachedPortalFactory factory) : IClassFixture<CachedPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br, gzip", "br")]
    public async Task Reader_pages_are_compressed_for_clients_that_accept_it(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/pressure-mounts-for-inter-korean-detente");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        using var response = await _client.SendAsync(request);

        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using Stream decoder = expected == "br"
            ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        var html = await reader.ReadToEndAsync();
        Assert.Contains("Pressure mounts for inter-Korean detente", html);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        Assert.True(compressed.Length < bytes * 0.7, $"{compressed.Length} compressed bytes for {bytes} bytes of HTML");
    }

    [Fact]
    public async Task Stylesheet_and_script_are_fingerprinted_and_cached_for_a_year()
    {
        var page = await _client.GetDocumentAsync("/");
        var urls = new[]
        {
            page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!,
            page.QuerySelector("script[src]")!.GetAttribute("src")!,
        };

        foreach (var url in urls)
        {
            Assert.Matches(@"^/(css|js)/site\.[a-z0-9]{6,}\.(css|js)$", url);
            using var response = await _client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, url);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.MaxAge >= TimeSpan.FromDays(365), $"{url}: {cacheControl}");
            Assert.Contains("immutable", cacheControl.ToString());
        }
    }

    [Fact]
    public async Task An_article_page_weighs_under_60_KB_and_its_css_and_js_under_40_KB_compressed()
    {
        var html = await _client.GetStringAsync("/articles/pressure-mounts-for-inter-korean-detente");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) <= 60 * 1024, $"article HTML is {html.Length} characters");

        var page = await Html.ParseAsync(html);
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!));
        long total = 0;
        foreach (var url in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
            using var response = await _client.SendAsync(request);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.InRange(total, 1, 40 * 1024);
    }
}
