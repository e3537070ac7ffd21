using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>The portal with its feed poller off (tests poll by hand) and private networks allowed, so it can reach the local feed server.</summary>
public sealed class FeedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?>
    {
        ["Sources:Enabled"] = "false",
        ["Sources:AllowPrivateNetworks"] = "true",
        ["Sources:Timeout"] = "00:00:15",
    },
});

/// <summary>As production: private networks refused. The poller is off.</summary>
public sealed class GuardedFeedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?>
    {
        ["Sources:Enabled"] = "false",
        ["Sources:AllowPrivateNetworks"] = "false",
        ["Sources:Timeout"] = "00:00:05",
    },
});

/// <summary>The poller on, private networks allowed.</summary>
public sealed class PollingFeedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?>
    {
        ["Sources:Enabled"] = "true",
        ["Sources:AllowPrivateNetworks"] = "true",
        ["Sources:Timeout"] = "00:00:15",
    },
});

/// <summary>The local feed server, one per test class.</summary>
public sealed class FeedServerFixture : IAsyncLifetime
{
    public FeedServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public static class FeedTestData
{
    /// <summary>A source reading <paramref name="feed"/>, filed in the demo's first section under its first author.</summary>
    public static Task<Source> AddSourceAsync(this NewsPortalFactory factory, Uri feed, bool publish = true, bool enabled = true) =>
        factory.WithDbAsync(async db =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var source = new Source
            {
                Slug = "partner-" + suffix,
                Name = "Partner " + suffix,
                FeedUrl = feed.AbsoluteUri,
                FeedEnabled = enabled,
                PollMinutes = 30,
                DefaultSectionId = await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                DefaultAuthorId = await db.Authors.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
                PublishItems = publish,
                NextPollAt = enabled ? factory.Clock.GetUtcNow().UtcDateTime : null,
            };
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            return source;
        });

    public static async Task<PollOutcome> PollAsync(this NewsPortalFactory factory, int sourceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<FeedIngester>().PollAsync(sourceId, CancellationToken.None))!;
    }

    public static Task<Source> SourceAsync(this NewsPortalFactory factory, int sourceId) =>
        factory.WithDbAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.Id == sourceId));

    public static Task<List<Article>> ArticlesOfAsync(this NewsPortalFactory factory, int sourceId) =>
        factory.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.SourceId == sourceId).OrderBy(a => a.Id).ToListAsync());

    public static string Tag() => Guid.NewGuid().ToString("N")[..10];
}
