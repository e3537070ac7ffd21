using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>The HTML as served passes the Nu Html Checker and has the basics a reader's tools rely on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HtmlValidityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_page_type_passes_the_Nu_Html_Checker_with_no_errors()
    {
        var java = Tools.RequireJava();
        var jar = Tools.RequireVnuJar();
        var directory = Directory.CreateTempSubdirectory("newsportal-vnu-");
        try
        {
            using var client = new HttpClient { BaseAddress = browser.BaseAddress };
            var files = new List<string>();
            foreach (var (name, path, status) in Pages.All)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(status, (int)response.StatusCode);
                var file = Path.Combine(directory.FullName, name + ".html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                files.Add(file);
            }

            // One JVM for every page: starting the checker is the slow part.
            var (exitCode, output, errors) = await RunAsync(java, ["-jar", jar, "--errors-only", "--format", "json", .. files]);
            Assert.True(errors.TrimStart().StartsWith('{'), $"vnu printed no JSON (exit {exitCode}): {output}\n{errors}");

            using var json = JsonDocument.Parse(errors);
            var report = new StringBuilder();
            foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
            {
                var type = message.GetProperty("type").GetString();
                var file = message.TryGetProperty("url", out var url) ? Path.GetFileName(url.GetString()) : "?";
                var line = message.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                report.AppendLine($"{file}:{line} {type}: {message.GetProperty("message").GetString()}");
            }
            Assert.True(report.Length == 0, $"The Nu Html Checker found errors:\n{report}");
            Assert.Equal(0, exitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_checker_really_reports_invalid_html()
    {
        // Guards the test above against a checker that silently accepts everything.
        var java = Tools.RequireJava();
        var jar = Tools.RequireVnuJar();
        var file = Path.Combine(Path.GetTempPath(), $"newsportal-invalid-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, "<!DOCTYPE html><html lang=en><head><title>x</title></head><body><div b-abc123><p>unclosed</div></body></html>");
        try
        {
            var (exitCode, _, errors) = await RunAsync(java, ["-jar", jar, "--errors-only", "--format", "json", file]);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("b-abc123", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string, string, int> ReaderPages => Pages.AllAsTheory();

    [Theory]
    [MemberData(nameof(ReaderPages))]
    public async Task Page_has_one_h1_alt_text_on_images_and_datetimes_on_times(string name, string path, int status)
    {
        await using var page = await browser.NewPageAsync();
        await page.GotoAsync(path, status);

        Assert.Equal(1, await page.Page.Locator("h1").CountAsync());
        var imagesWithoutAlt = await page.Page.Locator("img:not([alt])").CountAsync();
        Assert.True(imagesWithoutAlt == 0, $"{name}: {imagesWithoutAlt} images without alt");
        var timesWithoutDatetime = await page.Page.Locator("time:not([datetime])").CountAsync();
        Assert.True(timesWithoutDatetime == 0, $"{name}: {timesWithoutDatetime} <time> without datetime");
        var description = await page.Page.Locator("meta[name=description]").GetAttributeAsync("content");
        Assert.False(string.IsNullOrWhiteSpace(description), $"{name}: no meta description");
        Assert.False(string.IsNullOrWhiteSpace(await page.Page.TitleAsync()), $"{name}: no title");
        if (status == 200 && name is not ("search-empty" or "sign-in" or "comment-form"))
        {
            Assert.True(await page.Page.Locator("main time[datetime]").CountAsync() > 0, $"{name}: shows no publication times");
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
