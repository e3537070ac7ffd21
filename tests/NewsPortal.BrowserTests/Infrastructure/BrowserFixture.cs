using Microsoft.Playwright;

namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>
/// One portal server and one headless Debian Chromium shared by every browser test (starting either
/// costs seconds); each test opens its own browser context, so no cookies or state leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    private IPlaywright? _playwright;

    /// <summary>
    /// Two comments a page: the demo column's three comments then fill two discussion pages, so the pages checked
    /// (<see cref="Pages"/>) include the article's "Read all" link and the discussion pages' pager.
    /// </summary>
    public const int CommentPageSize = 2;

    public PortalServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Comments:PageSize"] = CommentPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var chromium = Tools.RequireChromium();
        Server.Start();
        _playwright = await Playwright.CreateAsync();
        // URL and text assertions poll; give them room on a busy machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Args = Tools.ChromiumArgs,
            Headless = true,
        });
    }

    /// <summary>A fresh page at a size and colour scheme; console errors (e.g. CSP violations) are collected.</summary>
    public async Task<BrowserPage> NewPageAsync(ViewportSize? viewport = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            ColorScheme = colorScheme,
            Locale = "en-GB",
            TimezoneId = "Asia/Seoul",
        });
        // Generous: the machine running the suite may be busy with other builds.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>A page in its own browser context, with the console errors it logged.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private int _documentStatus = 200;

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                // The 404 and 400 pages log their own status as a console error; that one is expected.
                var expected = $"the server responded with a status of {_documentStatus} ";
                return [.. _consoleErrors.Where(e => _documentStatus < 400 || !e.Contains(expected, StringComparison.Ordinal))];
            }
        }
    }

    /// <summary>Opens a path and asserts the status the server answered with.</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"No response for {path}");
        Assert.True(response.Status == expectedStatus, $"GET {path} gave {response.Status}, expected {expectedStatus}");
        _documentStatus = response.Status;
        return response;
    }

    /// <summary>
    /// Restyles the loaded page for <paramref name="scheme"/> (prefers-color-scheme) without loading it again, and
    /// checks the page really sees it, so a check meant for dark mode cannot silently run on the light page.
    /// </summary>
    public async Task UseColorSchemeAsync(ColorScheme scheme)
    {
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
        var dark = await Page.EvaluateAsync<bool>(
            "() => new Promise(done => requestAnimationFrame(() => done(matchMedia('(prefers-color-scheme: dark)').matches)))");
        Assert.True(dark == (scheme == ColorScheme.Dark), $"the page does not see prefers-color-scheme: {scheme}");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
