using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>Keyboard-only use: skip link, visible focus, landmarks, language of the content.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData(Pages.DemoColumn)]
    [InlineData("/tags/hanbando")]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(string path)
    {
        await using var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        await page.Page.Keyboard.PressAsync("Tab");
        var first = await page.Page.EvaluateAsync<string[]>(
            "() => [document.activeElement.className, document.activeElement.getAttribute('href'), document.activeElement.textContent.trim()]");
        Assert.Equal(["skip-link", "#main", "Skip to content"], first);
        var skipBox = await page.Page.Locator(".skip-link").BoundingBoxAsync();
        Assert.NotNull(skipBox);
        Assert.True(skipBox.Y >= 0, "the focused skip link must be on screen");

        await page.Page.Keyboard.PressAsync("Enter");
        var focused = await page.Page.EvaluateAsync<string>("() => document.activeElement.id");
        Assert.Equal("main", focused);

        // The next Tab continues inside main, not back in the header.
        await page.Page.Keyboard.PressAsync("Tab");
        var insideMain = await page.Page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)");
        Assert.True(insideMain, "after the skip link, Tab must go to the first link in main");
    }

    [Fact]
    public async Task Every_focused_link_shows_a_visible_outline_in_light_and_dark_mode()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var page = await browser.NewPageAsync(BrowserFixture.Desktop, scheme);
            await page.GotoAsync(Pages.DemoColumn);
            for (var i = 0; i < 25; i++)
            {
                await page.Page.Keyboard.PressAsync("Tab");
                var focus = await page.Page.EvaluateAsync<FocusStyle>("""
                    () => {
                        const el = document.activeElement;
                        const style = getComputedStyle(el);
                        return { tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                                 outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
                                 outlineColor: style.outlineColor };
                    }
                    """);
                if (focus.Tag == "BODY")
                {
                    break;
                }
                Assert.True(focus.OutlineStyle != "none" && focus.OutlineWidth >= 2,
                    $"[{scheme}] focused {focus.Tag} '{focus.Text}' has no visible outline ({focus.OutlineStyle} {focus.OutlineWidth}px)");
            }
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData(Pages.DemoColumn)]
    [InlineData("/sections/politics")]
    [InlineData("/columns")]
    public async Task Pages_have_banner_navigation_main_and_contentinfo_landmarks(string path)
    {
        await using var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        Assert.Equal(1, await page.Page.GetByRole(AriaRole.Banner).CountAsync());
        Assert.Equal(1, await page.Page.GetByRole(AriaRole.Main).CountAsync());
        Assert.Equal(1, await page.Page.GetByRole(AriaRole.Contentinfo).CountAsync());
        Assert.Equal(1, await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).CountAsync());
        Assert.Equal(1, await page.Page.Locator("h1").CountAsync());
    }

    [Fact]
    public async Task The_article_content_declares_its_own_language()
    {
        await using var page = await browser.NewPageAsync();

        await page.GotoAsync(Pages.KoreanArticle);
        Assert.Equal("en", await page.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("ko", await page.Page.Locator("article.article").GetAttributeAsync("lang"));
        var headlineLang = await page.Page.Locator("h1").EvaluateAsync<string>("el => el.closest('[lang]').lang");
        Assert.Equal("ko", headlineLang);
        var bodyLang = await page.Page.Locator(".article__body").EvaluateAsync<string>("el => el.closest('[lang]').lang");
        Assert.Equal("ko", bodyLang);
        var labelLang = await page.Page.Locator(".key-points h2").EvaluateAsync<string>("el => el.closest('[lang]').lang");
        Assert.Equal("en", labelLang);

        await page.GotoAsync(Pages.DemoColumn);
        var englishLang = await page.Page.Locator("h1").EvaluateAsync<string>("el => el.closest('[lang]').lang");
        Assert.Equal("en", englishLang);
    }

    private sealed class FocusStyle
    {
        public string Tag { get; set; } = "";
        public string Text { get; set; } = "";
        public string OutlineStyle { get; set; } = "";
        public double OutlineWidth { get; set; }
        public string OutlineColor { get; set; } = "";
    }
}
