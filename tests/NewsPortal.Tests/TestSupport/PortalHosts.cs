namespace NewsPortal.Tests.TestSupport;

// One type per set of options, because IClassFixture<T> creates a T with its parameterless constructor.

/// <summary>The portal with the output cache on, as readers meet it.</summary>
public sealed class CachedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    OutputCache = true,
    // Serve static assets with the headers a published build sends, not the build-time development ones.
    Settings = new Dictionary<string, string?> { ["EnableStaticAssetsDevelopmentCaching"] = "true" },
});

/// <summary>The portal with every SQL command recorded (output cache off, so every page hits the database).</summary>
public sealed class RecordingPortalFactory() : NewsPortalFactory(new PortalOptions { RecordSql = true });

/// <summary>A portal started with Admin:Email/Admin:Password and an empty user table.</summary>
public sealed class FirstAdminFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    FirstAdmin = new FirstAdmin(Email, Password),
})
{
    public const string Email = "chief@example.test";
    public const string Password = "First-admin-pass-1";
}
