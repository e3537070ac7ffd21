using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace NewsPortal.BrowserTests;

/// <summary>
/// Issue 12's XSS acceptance test: every payload of xss-payloads.txt through every field an editor or reader can fill
/// (the table is <see cref="XssPortal.Fields"/>: one line per field, with the pages it shows on), then every one of
/// those pages in Chromium, with the Content-Security-Policy on and bypassed: nothing runs, no dialog opens, no
/// <c>on*</c> attribute, script URL or foreign script is in the DOM, and the JSON-LD parses with no raw "&lt;".
/// </summary>
public sealed class XssCorpusTests(XssPortal portal, ITestOutputHelper output) : IClassFixture<XssPortal>
{
    private const int TabsPerContext = 3;

    [Fact]
    public void The_corpus_has_at_least_200_payloads_and_every_one_calls_something_the_probe_watches()
    {
        Assert.True(XssCorpus.Payloads.Count >= 200, $"{XssCorpus.Payloads.Count} payloads");
        Assert.Equal(XssCorpus.Payloads.Count, XssCorpus.Payloads.Distinct().Count());
        // Spelled out, encoded (entities, \u escapes, base64, split strings) or a script from elsewhere.
        string[] watched = ["alert", "print", "__x", "confirm", "prompt", "msgbox", "&#x61;", "\\u0061", "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg", "d2luZG93Ll9feHNzPTE", "al'+'ert", "x.js", "%61lert", ")1(trela"];
        Assert.All(XssCorpus.Payloads, p => Assert.True(watched.Any(w => p.Contains(w, StringComparison.Ordinal)), p));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_payload_runs_in_any_page_it_appears_on(bool bypassCsp)
    {
        var problems = new ConcurrentBag<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var reader = await XssProbe.NewContextAsync(portal.Browser, portal.Server.BaseAddress, bypassCsp);
        await using var staff = await XssProbe.NewContextAsync(portal.Browser, portal.Server.BaseAddress, bypassCsp);
        await SignInAsync(staff);

        // A few through the real forms, so the browser's own save path is covered too.
        await SaveThroughTheFormsAsync(staff, problems);
        await SignInEmailsAsync(reader, problems);

        // The DOM checks do not depend on the CSP, so the CSP-bypassed run (where a payload that got through would
        // run) opens every page, and the CSP-on run (which proves the policy itself blocks) every sixth one.
        var pages = portal.Pages.Where(p => !IsFeed(p.Path)).Where((_, n) => bypassCsp || n % 6 == 0).ToList();
        var staffPages = new ConcurrentQueue<(string Path, int Status)>(pages.Where(p => p.Path.StartsWith("/admin", StringComparison.Ordinal)));
        var readerPages = new ConcurrentQueue<(string Path, int Status)>(pages.Where(p => !p.Path.StartsWith("/admin", StringComparison.Ordinal)));
        var workers = new List<Task>();
        for (var i = 0; i < TabsPerContext; i++)
        {
            workers.Add(WorkAsync(await staff.NewPageAsync(), staffPages, problems));
            workers.Add(WorkAsync(await reader.NewPageAsync(), readerPages, problems));
        }
        await Task.WhenAll(workers);

        foreach (var (path, _) in portal.Pages.Where(p => IsFeed(p.Path)).Where((_, n) => bypassCsp || n % 6 == 0))
        {
            await CheckFeedAsync(reader, path, problems);
        }

        var mode = bypassCsp ? "CSP bypassed" : "CSP on";
        output.WriteLine($"{mode}: {pages.Count} pages in {clock.Elapsed.TotalSeconds:F0} s");
        // One line per kind of problem (the text after the path), with how often and where it was first seen.
        var report = string.Join("\n", problems.Distinct()
            .GroupBy(p => p.Split(": ", 2) is [_, var what] ? what[..Math.Min(what.Length, 160)] : p)
            .OrderByDescending(g => g.Count())
            .Take(80)
            .Select(g => $"{g.Count()}× {g.Key}  (e.g. {g.First().Split(": ", 2)[0][..Math.Min(120, g.First().Split(": ", 2)[0].Length)]})"));
        Assert.True(problems.IsEmpty, $"{mode}: {problems.Count} problems in {portal.Pages.Count} pages:\n{report}\n\nseeding:\n{string.Join("\n", portal.SeedNotes)}");
    }

    private static bool IsFeed(string path) => path.Split('?')[0].EndsWith(".xml", StringComparison.Ordinal);

    private async Task WorkAsync(IPage tab, ConcurrentQueue<(string Path, int Status)> queue, ConcurrentBag<string> problems)
    {
        tab.Dialog += async (_, dialog) =>
        {
            problems.Add($"dialog {dialog.Type} '{dialog.Message}' on {tab.Url}");
            await dialog.DismissAsync();
        };
        while (queue.TryDequeue(out var item))
        {
            await VisitAsync(tab, item.Path, item.Status, problems);
        }
        await tab.CloseAsync();
    }

    private async Task VisitAsync(IPage tab, string path, int status, ConcurrentBag<string> problems)
    {
        var isEditPage = path.StartsWith("/admin/articles/", StringComparison.Ordinal) && path.EndsWith("/edit", StringComparison.Ordinal);
        // The edit page renders the body's live preview from /admin/articles/preview into the page: wait for it.
        var preview = isEditPage
            ? tab.WaitForResponseAsync(r => r.Url.EndsWith("/admin/articles/preview", StringComparison.Ordinal), new() { Timeout = 30_000 })
            : null;
        IResponse? response;
        try
        {
            response = await tab.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        }
        catch (PlaywrightException e)
        {
            problems.Add($"{path}: {e.Message.Split('\n')[0]}");
            return;
        }
        if (response is null || response.Status != status)
        {
            problems.Add($"{path}: status {response?.Status}, expected {status}");
        }
        if (preview is not null)
        {
            try
            {
                await preview;
                await tab.WaitForTimeoutAsync(100);
            }
            catch (TimeoutException)
            {
                problems.Add($"{path}: the live preview never loaded");
            }
        }
        else
        {
            // Let error and load handlers of anything that slipped through fire.
            await tab.WaitForTimeoutAsync(20);
        }
        foreach (var problem in await tab.EvaluateAsync<string[]>(XssProbe.CheckScript))
        {
            problems.Add($"{path}: {problem}");
        }
        if (path.StartsWith("/articles/", StringComparison.Ordinal))
        {
            // Sanity: the payloads really are on the page, as text.
            var h1 = await tab.Locator("h1").First.TextContentAsync() ?? "";
            if (!portal.Headlines.Values.Any(h => h1.Contains(h.Trim(), StringComparison.Ordinal)))
            {
                problems.Add($"{path}: the h1 '{h1[..Math.Min(60, h1.Length)]}' is not a seeded headline");
            }
        }
    }

    private static async Task SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(PortalServer.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    /// <summary>One article and one tag typed into the real admin forms; the saved pages are checked like the rest.</summary>
    private async Task SaveThroughTheFormsAsync(IBrowserContext staff, ConcurrentBag<string> problems)
    {
        var page = await staff.NewPageAsync();
        page.Dialog += async (_, dialog) => { problems.Add($"dialog on {page.Url}"); await dialog.DismissAsync(); };
        var headline = XssCorpus.Chunks(290, " ").Skip(3).First(c => !c.StartsWith('['));
        await page.GotoAsync("/admin/articles/new");
        await page.Locator("#Form_Headline").FillAsync(headline);
        await page.Locator("#Form_Dek").FillAsync(XssCorpus.Chunks(1000, " ")[1]);
        await page.Locator("#Form_BodyMarkdown").FillAsync(XssCorpus.Chunks(6000, "\n\n")[0]);
        await page.Locator("#Form_HeroCaption").FillAsync(XssCorpus.Chunks(1000, " ")[2]);
        await page.Locator("#Form_SectionId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#Form_Tags").FillAsync(XssCorpus.Chunks(400, ", ", 60, 10)[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/articles/\d+/edit$"));
        var edit = new Uri(page.Url).AbsolutePath;
        await VisitAsync(page, edit, 200, problems);
        await VisitAsync(page, edit.Replace("/edit", "/preview", StringComparison.Ordinal), 200, problems);

        await page.GotoAsync("/admin/tags/new");
        await page.Locator("#Form_Name").FillAsync(XssCorpus.Chunks(60, " ")[5]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await VisitAsync(page, "/admin/tags", 200, problems);
        await page.CloseAsync();
    }

    /// <summary>The sign-in form keeps a typed email after an error: two posts carry every payload through it.</summary>
    private static async Task SignInEmailsAsync(IBrowserContext reader, ConcurrentBag<string> problems)
    {
        var page = await reader.NewPageAsync();
        page.Dialog += async (_, dialog) => { problems.Add($"dialog on {page.Url}"); await dialog.DismissAsync(); };
        foreach (var chunk in XssCorpus.Chunks(8000, " "))
        {
            await page.GotoAsync("/account/login");
            await page.EvaluateAsync("""
                email => {
                  const form = document.querySelector("form[action='/account/login']");
                  form.noValidate = true;
                  form.querySelector("[name=Email]").value = email;
                  form.querySelector("[name=Password]").value = "not-the-password";
                  form.requestSubmit();
                }
                """, chunk);
            await page.WaitForLoadStateAsync(LoadState.Load);
            await page.WaitForFunctionAsync("() => document.querySelector('.field__error, .form-errors, [role=alert]') !== null");
            foreach (var problem in await page.EvaluateAsync<string[]>(XssProbe.CheckScript))
            {
                problems.Add($"POST /account/login: {problem}");
            }
        }
        await page.CloseAsync();
    }

    /// <summary>Feeds are read as text: well-formed XML, no markup that runs, and HTML-bearing elements carry no script.</summary>
    private static async Task CheckFeedAsync(IBrowserContext context, string path, ConcurrentBag<string> problems)
    {
        var response = await context.APIRequest.GetAsync(path);
        if (response.Status != 200)
        {
            problems.Add($"{path}: status {response.Status}");
            return;
        }
        XDocument xml;
        try
        {
            xml = XDocument.Parse(Encoding.UTF8.GetString(await response.BodyAsync()));
        }
        catch (System.Xml.XmlException e)
        {
            problems.Add($"{path}: not XML: {e.Message}");
            return;
        }
        var parser = new HtmlParser();
        foreach (var element in xml.Descendants())
        {
            if (element.Name.Namespace == "http://www.w3.org/1999/xhtml" || element.Name.LocalName is "script" or "iframe" or "svg")
            {
                problems.Add($"{path}: element {element.Name}");
            }
            foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{path}: attribute {attribute.Name} on {element.Name}");
            }
            // RSS descriptions and Atom's html/xhtml content are HTML to feed readers: parse it as a reader would.
            var isHtml = element.Name.LocalName is "description" or "encoded"
                || (element.Name.LocalName is "summary" or "content" or "title" && (string?)element.Attribute("type") is "html" or "xhtml");
            if (isHtml && !element.HasElements)
            {
                var fragment = parser.ParseDocument("<body>" + element.Value);
                foreach (var node in fragment.Body!.QuerySelectorAll("*"))
                {
                    if (node.LocalName is "script" or "iframe" or "object" or "embed" or "svg" or "math" or "style"
                        || node.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                            || (a.Value.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))))
                    {
                        problems.Add($"{path}: <{element.Name.LocalName}> holds HTML a feed reader would run: {node.OuterHtml[..Math.Min(80, node.OuterHtml.Length)]}");
                    }
                }
            }
        }
    }
}
