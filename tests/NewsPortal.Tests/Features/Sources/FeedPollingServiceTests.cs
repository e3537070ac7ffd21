using System.Diagnostics;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>The background poller on the test host's clock: due sources are polled, a bad one does not stop it.</summary>
public sealed class FeedPollingServiceTests(PollingFeedPortalFactory factory, FeedServerFixture feeds)
    : IClassFixture<PollingFeedPortalFactory>, IClassFixture<FeedServerFixture>
{
    [Fact]
    public async Task The_poller_polls_due_sources_and_keeps_running_after_a_bad_feed()
    {
        _ = factory.Services; // starts the host and its poller
        var tag = FeedTestData.Tag();
        var bad = await factory.AddSourceAsync(feeds.Server.Feed("/malformed.xml", tag));
        var good = await factory.AddSourceAsync(feeds.Server.Feed("/changing.xml", tag));
        var paused = await factory.AddSourceAsync(feeds.Server.Feed("/rss1.rdf", tag), enabled: false);

        await AdvanceUntilAsync(async () => (await factory.SourceAsync(good.Id)).LastPolledAt is not null
            && (await factory.SourceAsync(bad.Id)).LastPolledAt is not null);

        Assert.Equal(2, (await factory.ArticlesOfAsync(good.Id)).Count);
        Assert.Equal(1, (await factory.SourceAsync(bad.Id)).ConsecutiveFailures);
        Assert.Null((await factory.SourceAsync(paused.Id)).LastPolledAt);

        // Both come due again (the bad one backed off to an hour); the poller is still there to poll them.
        feeds.Server.SetVersion(tag, 2);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await AdvanceUntilAsync(async () => (await factory.SourceAsync(bad.Id)).ConsecutiveFailures == 2
            && (await factory.ArticlesOfAsync(good.Id)).Count == 3);

        Assert.Equal(0, feeds.Server.Hits("/rss1.rdf", tag));
        Assert.Contains(factory.Logs.All, e => e.MessageTemplate.Text.StartsWith("Feed of source {SourceId} failed", StringComparison.Ordinal));
    }

    /// <summary>Moves the clock on by the poller's interval until <paramref name="done"/>, for at most 30 real seconds.</summary>
    private async Task AdvanceUntilAsync(Func<Task<bool>> done)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the poller did not get there within 30 seconds");
            factory.Clock.Advance(FeedPollingService.Interval);
            await Task.Delay(100);
        }
    }
}
