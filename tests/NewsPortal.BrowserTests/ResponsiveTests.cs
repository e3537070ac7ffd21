using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>Phone and desktop layouts, asserted from element boxes; screenshots for people to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveTests(BrowserFixture browser)
{
    public static TheoryData<string, string, int> ReaderPages => Pages.AllAsTheory();

    [Theory]
    [MemberData(nameof(ReaderPages))]
    public async Task Nothing_overflows_horizontally_on_a_phone(string name, string path, int status)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var page = await browser.NewPageAsync(BrowserFixture.Phone, scheme);
            await page.GotoAsync(path, status);
            var widths = await page.Page.EvaluateAsync<int[]>(
                "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= BrowserFixture.Phone.Width && widths[1] <= BrowserFixture.Phone.Width,
                $"{name} ({path}) is {widths[0]}px wide on a {BrowserFixture.Phone.Width}px phone");
        }
    }

    [Fact]
    public async Task On_a_phone_related_articles_come_after_the_article()
    {
        await using var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(Pages.DemoColumn);

        var article = await Box(page.Page, "article.article");
        var related = await Box(page.Page, "aside.related");
        Assert.True(related.Y >= article.Y + article.Height - 0.5,
            $"related top {related.Y} must be at or below the article bottom {article.Y + article.Height}");
        Assert.True(related.Width > BrowserFixture.Phone.Width * 0.8, $"related is {related.Width}px wide: it should use the full width");

        await page.Page.ScreenshotAsync(new() { Path = Shot("article-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task On_a_desktop_related_articles_are_a_sidebar_beside_the_article()
    {
        await using var page = await browser.NewPageAsync(BrowserFixture.Desktop);
        await page.GotoAsync(Pages.DemoColumn);

        var article = await Box(page.Page, "article.article");
        var related = await Box(page.Page, "aside.related");
        Assert.True(related.X >= article.X + article.Width, $"related left {related.X} must be right of the article's right edge {article.X + article.Width}");
        Assert.True(related.Y < article.Y + article.Height && related.Y + related.Height > article.Y,
            "the sidebar must sit beside the article, overlapping it vertically");
        Assert.True(related.Width < article.Width, "the sidebar is narrower than the article");

        await page.Page.ScreenshotAsync(new() { Path = Shot("article-desktop.png"), FullPage = true });
    }

    /// <summary>
    /// At both sizes and in both colour schemes: no sideways scrolling, the lead headline above the fold,
    /// the scheme's own background, and (on a phone) header and footer controls big enough to tap.
    /// Screenshots are kept for people to look at.
    /// </summary>
    [Fact]
    public async Task Home_and_articles_fit_both_sizes_in_light_and_dark_mode()
    {
        foreach (var (size, viewport) in new[] { ("desktop", BrowserFixture.Desktop), ("phone", BrowserFixture.Phone) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var page = await browser.NewPageAsync(viewport, scheme);
                foreach (var (name, path, headline) in new[]
                {
                    ("home", "/", ".lead__headline"),
                    ("article", Pages.DemoColumn, "article.article h1"),
                    ("article-ko", Pages.KoreanArticle, "article.article h1"),
                })
                {
                    await page.GotoAsync(path);
                    var where = $"{name} at {size} ({scheme})";
                    var layout = await page.Page.EvaluateAsync<double[]>("""
                        selector => [
                            document.scrollingElement.scrollWidth, window.innerWidth, window.innerHeight,
                            document.querySelector(selector).getBoundingClientRect().top,
                            ...getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number),
                        ]
                        """, headline);
                    Assert.True(layout[0] <= layout[1], $"{where} scrolls sideways: {layout[0]}px of content in a {layout[1]}px window");
                    Assert.True(layout[3] >= 0 && layout[3] < layout[2], $"{where}: the headline starts at {layout[3]}px, below the {layout[2]}px fold");
                    var brightness = layout[4] + layout[5] + layout[6];
                    Assert.True(scheme == ColorScheme.Dark ? brightness < 150 : brightness > 600,
                        $"{where}: the page background rgb({layout[4]}, {layout[5]}, {layout[6]}) does not follow the colour scheme");
                    if (viewport == BrowserFixture.Phone)
                    {
                        Assert.True(await page.Page.Locator(TapTargets).CountAsync() >= 5, $"{where}: the header and footer controls were not found");
                        var small = await SmallTapTargetsAsync(page.Page);
                        Assert.True(small.Length == 0, $"{where}: tap targets under {MinimumTapTarget}px: {string.Join(", ", small)}");
                    }

                    var file = Shot($"{name}-{size}-{scheme.ToString().ToLowerInvariant()}.png");
                    await page.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
                    // What a reader sees first, without scrolling.
                    await page.Page.ScreenshotAsync(new() { Path = file.Replace(".png", "-fold.png", StringComparison.Ordinal) });
                }
            }
        }
    }

    /// <summary>WCAG 2.2 target size (minimum), for the controls that are not links inside running text.</summary>
    private const int MinimumTapTarget = 24;

    private const string TapTargets = ".site-header a, .site-header button, .site-header input, .footer-links a";

    private static Task<string[]> SmallTapTargetsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        ([selector, minimum]) => [...document.querySelectorAll(selector)]
            .map(element => [element, element.getBoundingClientRect()])
            .filter(([, box]) => box.width > 0 && box.height > 0 && (box.width < minimum || box.height < minimum))
            .map(([element, box]) => `${element.tagName.toLowerCase()} "${(element.textContent || element.name).trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`)
        """, new object[] { TapTargets, MinimumTapTarget });

    [Fact]
    public async Task Images_reserve_their_space_before_they_load()
    {
        await using var page = await browser.NewPageAsync(BrowserFixture.Desktop);
        foreach (var path in new[] { "/", Pages.DemoColumn, "/sections/north-korea" })
        {
            await page.GotoAsync(path);
            var unsized = await page.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('img')]
                    .filter(img => !(img.getAttribute('width') && img.getAttribute('height')) && getComputedStyle(img).aspectRatio === 'auto')
                    .map(img => img.src)
                """);
            Assert.True(unsized.Length == 0, $"{path}: images without width/height or aspect-ratio: {string.Join(", ", unsized)}");
        }
    }

    [Fact]
    public async Task Printing_an_article_prints_the_article_alone_in_black_on_white()
    {
        await using var page = await browser.NewPageAsync(BrowserFixture.Desktop, ColorScheme.Dark);
        await page.GotoAsync(Pages.DemoColumn);
        await page.Page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var hidden in new[] { ".site-header", ".site-footer", "aside.related", ".comments", ".skip-link" })
        {
            Assert.False(await page.Page.Locator(hidden).IsVisibleAsync(), $"{hidden} is printed");
        }
        Assert.True(await page.Page.Locator("article.article h1").IsVisibleAsync());
        Assert.True(await page.Page.Locator(".article__body").IsVisibleAsync());
        var colors = await page.Page.EvaluateAsync<string[]>(
            "() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]");
        Assert.Equal(["rgb(0, 0, 0)", "rgb(255, 255, 255)"], colors);
        var pdf = await page.Page.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 10_000, "the printed article is empty");
    }

    [Theory]
    [InlineData("/")]
    [InlineData(Pages.DemoColumn)]
    public async Task The_stylesheet_script_and_images_load(string path)
    {
        await using var page = await browser.NewPageAsync(BrowserFixture.Desktop);
        var failed = new List<string>();
        page.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failed)
                {
                    failed.Add($"{response.Url} {response.Status}");
                }
            }
        };
        await page.GotoAsync(path);

        Assert.Empty(failed);
        var styled = await page.Page.EvaluateAsync<bool>(
            "() => getComputedStyle(document.querySelector('.skip-link')).position === 'absolute'");
        Assert.True(styled, "site.css is not applied");
        var broken = await page.Page.EvaluateAsync<string[]>(
            "() => [...document.images].filter(img => img.complete && img.naturalWidth === 0).map(img => img.src)");
        Assert.True(broken.Length == 0, $"broken images: {string.Join(", ", broken)}");
        Assert.Empty(page.ConsoleErrors);
    }

    private static async Task<LocatorBoundingBoxResult> Box(IPage page, string selector) =>
        await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not rendered");

    private static string Shot(string file) => Path.Combine(Tools.ScreenshotDirectory, file);
}
