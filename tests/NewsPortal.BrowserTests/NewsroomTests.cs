using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>The newsroom in Chromium: an editor writes, previews and publishes a column and links it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewsroomTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_writes_a_column_in_Markdown_previews_publishes_and_links_it()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await session.SignInAsync();

        // Write: a column in Markdown, with the live preview rendering it.
        var headline = "Why the peninsula needs patience " + Guid.NewGuid().ToString("N")[..6];
        await session.GotoAsync("/admin/articles/new");
        await page.GetByLabel("Headline").FillAsync(headline);
        await page.Locator("#Form_Dek").FillAsync("A column written in a browser test.");
        await page.Locator("#Form_BodyMarkdown").FillAsync(
            "Diplomacy rewards **patience** more than speed.\n\n## What to watch\n\n- Talks resume in *spring*.\n- Seoul keeps its allies close.\n\nRead the [background](https://example.org/background).");
        await Assertions.Expect(page.Locator("#body-preview strong")).ToHaveTextAsync("patience");
        await Assertions.Expect(page.Locator("#body-preview h2")).ToHaveTextAsync("What to watch");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Column" });
        await page.Locator("#Form_AuthorId").SelectOptionAsync(new SelectOptionValue { Label = "Lee Kyong-hee" });
        await page.Locator("#Form_SectionId").SelectOptionAsync(new SelectOptionValue { Label = "Opinion" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EditUrl());
        var id = int.Parse(EditUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Preview: the draft as readers will see it, with the columnist's name in brackets.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/articles/{id}/preview"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"[Lee Kyong-hee] {headline}");
        await Assertions.Expect(page.Locator(".article__body strong")).ToHaveTextAsync("patience");
        await Assertions.Expect(page.Locator(".preview-banner")).ToBeVisibleAsync();

        // Publish, then readers see it on the home page.
        await session.GotoAsync($"/admin/articles/{id}/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".page-head__meta .status")).ToHaveTextAsync("Published");
        var slug = await page.Locator("#Form_Slug").InputValueAsync();

        await using var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/");
        var onHome = reader.Page.Locator(".card__headline a, .lead__headline a", new() { HasText = headline });
        await Assertions.Expect(onHome.First).ToBeVisibleAsync();
        await onHome.First.ClickAsync();
        await Assertions.Expect(reader.Page).ToHaveURLAsync(new Regex($"/articles/{Regex.Escape(slug)}$"));
        await Assertions.Expect(reader.Page.Locator("h1")).ToHaveTextAsync($"[Lee Kyong-hee] {headline}");

        // Link it from another article's Related Articles; it shows in that sidebar among the curated picks.
        var otherSlug = "bank-of-korea-holds-rate-as-household-debt-climbs";
        var otherId = await browser.ArticleIdAsync(otherSlug);
        await session.GotoAsync($"/admin/articles/{otherId}/related");
        await page.GetByLabel("Search headlines").FillAsync(headline);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add: [Lee Kyong-hee] {headline}" })
            .Or(page.GetByRole(AriaRole.Button, new() { Name = $"Add: {headline}" })).First.ClickAsync();
        await Assertions.Expect(page.Locator(".curated-list")).ToContainTextAsync(headline);

        await reader.GotoAsync($"/articles/{otherSlug}");
        var linked = reader.Page.Locator("aside.related .card__headline a", new() { HasText = headline });
        await Assertions.Expect(linked).ToHaveCountAsync(1);
        Assert.Equal($"/articles/{slug}", await linked.GetAttributeAsync("href"));

        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(reader.ConsoleErrors);
    }

    [Fact]
    public async Task A_reader_searches_from_the_header_search_box()
    {
        await using var session = await browser.NewPageAsync(BrowserFixture.Phone);
        var page = session.Page;
        await session.GotoAsync(Pages.DemoColumn);

        await page.GetByRole(AriaRole.Search).GetByLabel("Search articles").FillAsync("tariff");
        await page.GetByRole(AriaRole.Search).GetByLabel("Search articles").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=tariff$"));
        var results = page.Locator(".search-result");
        Assert.True(await results.CountAsync() > 0, "searching 'tariff' finds the demo tariff articles");
        await Assertions.Expect(results.First.Locator("mark").First).ToBeVisibleAsync();

        await results.First.Locator("a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/articles/[a-z0-9-]+$"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
    }

    [Fact]
    public async Task The_main_admin_pages_have_no_axe_violations_in_light_or_dark_mode()
    {
        var id = await browser.ArticleIdAsync("pressure-mounts-for-inter-korean-detente");
        var report = new StringBuilder();
        // One sign-in and one load per page serve both schemes (see AccessibilityTests).
        await using var session = await browser.NewPageAsync(BrowserFixture.Desktop, ColorScheme.Light);
        await session.SignInAsync();
        foreach (var (name, path) in Pages.Admin)
        {
            await session.GotoAsync(path.WithId(id));
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await session.UseColorSchemeAsync(scheme);
                var result = await session.Page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.Tags },
                    // Only violations are read, so axe need not gather the details of every passing and incomplete node.
                    ResultTypes = [ResultType.Violations],
                });
                foreach (var violation in result.Violations)
                {
                    report.AppendLine($"[{scheme}] {name}: {violation.Id} ({violation.Impact}): {violation.Help}");
                    foreach (var node in violation.Nodes.Take(3))
                    {
                        report.AppendLine($"    {node.Target}: {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}");
                    }
                }
            }
        }
        Assert.True(session.ConsoleErrors.Count == 0, $"console errors: {string.Join(" | ", session.ConsoleErrors)}");
        Assert.True(report.Length == 0, $"axe violations in the admin area:\n{report}");
    }

    [GeneratedRegex(@"/admin/articles/(\d+)/edit")]
    private static partial Regex EditUrl();
}
