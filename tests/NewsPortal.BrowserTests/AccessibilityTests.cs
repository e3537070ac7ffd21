using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>axe-core in Chromium: every page type, light and dark, at desktop and phone sizes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static readonly List<string> Tags =
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    public static TheoryData<string, string, int> ReaderPages => Pages.AllAsTheory();

    [Theory]
    [MemberData(nameof(ReaderPages))]
    public async Task Page_has_no_axe_violations_in_light_or_dark_mode(string name, string path, int status)
    {
        var report = new StringBuilder();
        foreach (var viewport in new[] { BrowserFixture.Desktop })
        {
            // One load serves both schemes: the stylesheets switch on prefers-color-scheme alone (no script reads it,
            // nothing transitions), so emulating the other scheme restyles the same page as a fresh load would.
            await using var page = await browser.NewPageAsync(viewport, ColorScheme.Light);
            await page.GotoAsync(path, status);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.UseColorSchemeAsync(scheme);
                var result = await page.Page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags },
                    // Only violations are read, so axe need not gather the details of every passing and incomplete node.
                    ResultTypes = [ResultType.Violations],
                });
                foreach (var violation in result.Violations)
                {
                    report.AppendLine($"[{scheme} {viewport.Width}px] {violation.Id} ({violation.Impact}): {violation.Help}");
                    foreach (var node in violation.Nodes.Take(5))
                    {
                        var checks = node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message);
                        report.AppendLine($"    {node.Target}: {string.Join("; ", checks)}");
                    }
                }
            }
            Assert.True(page.ConsoleErrors.Count == 0,
                $"{name} logged console errors: {string.Join(" | ", page.ConsoleErrors)}");
        }
        Assert.True(report.Length == 0, $"axe violations on {name} ({path}):\n{report}");
    }
}
