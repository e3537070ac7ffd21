using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;
using SkiaSharp;

namespace NewsPortal.BrowserTests;

/// <summary>The media library in Chromium: upload through the real form, pick the image as a hero, readers get renditions.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MediaTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_uploads_an_image_picks_it_as_a_hero_and_readers_load_it_through_the_media_endpoint()
    {
        await using var session = await browser.NewPageAsync(BrowserFixture.Desktop);
        var page = session.Page;
        await session.SignInAsync();
        var alt = "Fishing boats at dawn " + Guid.NewGuid().ToString("N")[..6];

        // Upload through the library's plain form, alt text included.
        await session.GotoAsync("/admin/media");
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "boats.png", MimeType = "image/png", Buffer = Picture() });
        await page.Locator("#upload-alt").FillAsync(alt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/admin/media/\d+$"));
        await Assertions.Expect(page.Locator("#Form_AltText")).ToHaveValueAsync(alt);

        // Write an article and choose the image from the library as its hero.
        var headline = "Harbour wakes up early " + Guid.NewGuid().ToString("N")[..6];
        await session.GotoAsync("/admin/articles/new");
        await page.GetByLabel("Headline").FillAsync(headline);
        await page.Locator("#Form_BodyMarkdown").FillAsync("The boats leave before sunrise.");
        await page.Locator("#Form_AuthorId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#Form_SectionId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose from the library" }).ClickAsync();
        var tile = page.Locator(".media-picker .media-tile", new() { HasText = alt });
        await tile.GetByRole(AriaRole.Button, new() { Name = "Use as hero" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Form_HeroImageUrl")).ToHaveValueAsync(new Regex(@"^/media/\d+/boats-v\d+$"));
        await Assertions.Expect(page.Locator("#Form_HeroAlt")).ToHaveValueAsync(alt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/admin/articles/\d+/edit$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".page-head__meta .status")).ToHaveTextAsync("Published");
        var slug = await page.Locator("#Form_Slug").InputValueAsync();

        // Readers: the hero is a responsive image served by /media/…, loaded for real.
        await using var reader = await browser.NewPageAsync(BrowserFixture.Phone);
        await reader.GotoAsync($"/articles/{slug}");
        var hero = reader.Page.Locator("figure.hero img");
        await Assertions.Expect(hero).ToHaveAttributeAsync("srcset", new Regex(@"/media/\d+/boats-v\d+\?w=320&ar=16x9 320w"));
        await Assertions.Expect(hero).ToHaveAttributeAsync("alt", alt);
        await Assertions.Expect(hero).ToHaveAttributeAsync("fetchpriority", "high");
        await reader.Page.WaitForFunctionAsync("() => { const i = document.querySelector('figure.hero img'); return i.complete && i.naturalWidth > 0; }");
        var current = await hero.EvaluateAsync<string>("i => i.currentSrc");
        Assert.Matches(@"/media/\d+/boats-v\d+\?w=\d+&ar=16x9$", current);
        var natural = await hero.EvaluateAsync<int[]>("i => [i.naturalWidth, i.naturalHeight]");
        Assert.InRange(natural[1], natural[0] * 9 / 16 - 1, natural[0] * 9 / 16 + 1);

        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(reader.ConsoleErrors);
    }

    private static byte[] Picture()
    {
        using var surface = SKSurface.Create(new SKImageInfo(1600, 1000));
        using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1600, 1000), [SKColors.Navy, SKColors.Orange], SKShaderTileMode.Clamp) };
        surface.Canvas.DrawRect(0, 0, 1600, 1000, paint);
        using var image = surface.Snapshot();
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
