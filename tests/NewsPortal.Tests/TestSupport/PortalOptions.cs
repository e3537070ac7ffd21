namespace NewsPortal.Tests.TestSupport;

/// <summary>What a test class needs from its portal; everything not said here is the same for every test.</summary>
public sealed record PortalOptions
{
    public static PortalOptions Default { get; } = new();

    /// <summary>Load the demo newsroom (sections, authors, articles) on start-up.</summary>
    public bool DemoContent { get; init; } = true;

    /// <summary>
    /// Off by default so tests that change data straight through the DbContext (without
    /// ArticleChangePublisher) see fresh pages; the caching and delivery tests turn it on.
    /// </summary>
    public bool OutputCache { get; init; }

    /// <summary>
    /// Start from a copy of the demo newsroom seeded once per test run (<see cref="SeededTemplate"/>) when the other
    /// options allow it; off for the tests of start-up itself, which must watch it seed.
    /// </summary>
    public bool FromSeededTemplate { get; init; } = true;

    /// <summary>Record every SQL command the app runs, for <see cref="NewsPortalFactory.Sql"/>.</summary>
    public bool RecordSql { get; init; }

    /// <summary>An administrator created from configuration on start-up (Admin:Email, Admin:Password).</summary>
    public FirstAdmin? FirstAdmin { get; init; }

    /// <summary>
    /// The least severe event <see cref="NewsPortalFactory.Logs"/> keeps. A load test's tens of thousands of request
    /// lines held in memory would grow the heap it measures, so it keeps warnings and errors only.
    /// </summary>
    public Serilog.Events.LogEventLevel CapturedLogLevel { get; init; } = Serilog.Events.LogEventLevel.Verbose;

    /// <summary>Further configuration keys, applied after the ones above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

public sealed record FirstAdmin(string Email, string Password);
