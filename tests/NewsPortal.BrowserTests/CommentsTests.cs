using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>Reader comments in Chromium: the real form on the cached article page, moderation in /admin/comments.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CommentsTests(BrowserFixture browser)
{
    private const string Slug = "births-rise-for-third-straight-month";

    [Fact]
    public async Task A_reader_posts_through_the_real_form_an_editor_approves_it_and_a_fresh_reader_sees_it()
    {
        var body = "Posted from Chromium " + Guid.NewGuid().ToString("N")[..8] + " <b>not bold</b>";

        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await reader.GotoAsync($"/articles/{Slug}");
        await page.Locator("#comment-name").FillAsync("Browser reader");
        await page.Locator("#comment-email").FillAsync("browser-reader@example.test");
        await page.Locator("#comment-body").FillAsync(body);
        // comments.js fetched the form's token on first focus; then wait past the minimum fill time, as a person would.
        await Assertions.Expect(page.Locator("form[data-comment-form] input[name='__RequestVerificationToken']")).ToHaveValueAsync(new Regex(".+"));
        await page.WaitForTimeoutAsync(3500);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(CommentAnchor());
        var pending = page.Locator(".comment--pending", new() { HasText = body });
        await Assertions.Expect(pending).ToBeVisibleAsync();
        await Assertions.Expect(pending).ToContainTextAsync("Awaiting moderation");

        await using var editor = await browser.NewPageAsync();
        await editor.SignInAsync();
        await editor.GotoAsync("/admin/comments");
        var row = editor.Page.Locator("tr", new() { HasText = body });
        await row.GetByRole(AriaRole.Button, new() { Name = "Approve the comment by Browser reader" }).ClickAsync();
        await Assertions.Expect(editor.Page.Locator(".flash")).ToContainTextAsync("1 comment approved");

        await using var fresh = await browser.NewPageAsync();
        await fresh.GotoAsync($"/articles/{Slug}");
        var shown = fresh.Page.Locator(".comments__list .comment", new() { HasText = body });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await Assertions.Expect(shown.Locator("b")).ToHaveCountAsync(0);
        await Assertions.Expect(fresh.Page.Locator(".comment--pending")).ToHaveCountAsync(0);

        Assert.Empty(reader.ConsoleErrors);
        Assert.Empty(editor.ConsoleErrors);
        Assert.Empty(fresh.ConsoleErrors);
    }

    [GeneratedRegex(@"/articles/births-rise-for-third-straight-month#comment-\d+$")]
    private static partial Regex CommentAnchor();
}
