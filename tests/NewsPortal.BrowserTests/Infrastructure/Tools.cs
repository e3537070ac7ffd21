namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>
/// Where the external tools live. A missing tool fails the test with what to do about it: these tests
/// never skip (./test.sh installs the tools with tests/NewsPortal.BrowserTests/install-deps.sh).
/// </summary>
public static class Tools
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private const string InstallHint = "run tests/NewsPortal.BrowserTests/install-deps.sh (./test.sh does)";

    public static string RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Debian's Chromium is missing at {ChromiumPath}: {InstallHint}.");
        }
        return ChromiumPath;
    }

    public static string RequireVnuJar()
    {
        var jar = Path.Combine(ProjectDirectory, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"The Nu Html Checker is missing at {jar}: {InstallHint}.");
        }
        return jar;
    }

    /// <summary>Lighthouse's command line (npm lighthouse, pinned in package-lock.json).</summary>
    public static string RequireLighthouse()
    {
        var cli = Path.Combine(ProjectDirectory, "node_modules", "lighthouse", "cli", "index.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"Lighthouse is missing at {cli}: {InstallHint}.");
        }
        return cli;
    }

    public static string RequireNode() => OnPath("node") ?? throw new InvalidOperationException($"No Node.js (node) on PATH for Lighthouse: {InstallHint}.");

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    public static string RequireJava()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "java");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No Java runtime (java) on PATH for the Nu Html Checker: {InstallHint}.");
    }

    /// <summary>tests/NewsPortal.BrowserTests, found from the test assembly's output folder.</summary>
    public static string ProjectDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsPortal.BrowserTests.csproj")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("Cannot find the NewsPortal.BrowserTests project folder.");
        }
    }

    public static string ScreenshotDirectory
    {
        get
        {
            var path = Path.Combine(ProjectDirectory, "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
