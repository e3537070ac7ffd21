using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>One slot, no queue, the output cache on: the smallest portal where load shedding shows.</summary>
public sealed class OneSlotPortalFactory() : NewsPortalFactory(new PortalOptions
{
    OutputCache = true,
    Settings = new Dictionary<string, string?> { ["ReaderLoad:PermitLimit"] = "1", ["ReaderLoad:QueueLimit"] = "0" },
});

/// <summary>One slot and one place in the queue.</summary>
public sealed class OneSlotOneQueuedPortalFactory() : NewsPortalFactory(new PortalOptions
{
    OutputCache = true,
    Settings = new Dictionary<string, string?> { ["ReaderLoad:PermitLimit"] = "1", ["ReaderLoad:QueueLimit"] = "1" },
});

/// <summary>Anonymous dynamic work beyond the slots gets 503 with Retry-After; cached pages, staff and health checks never wait.</summary>
public class ReaderLoadTests(OneSlotPortalFactory factory) : IClassFixture<OneSlotPortalFactory>
{
    [Fact]
    public async Task While_the_slot_is_busy_an_uncached_request_gets_503_with_Retry_After_and_a_cached_page_and_healthz_answer_200()
    {
        var reader = factory.CreateReaderClient();
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode); // now in the output cache

        using (await TakeTheSlotAsync(factory))
        {
            using var refused = await reader.GetAsync("/search?q=unique-while-busy");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.True(refused.Headers.CacheControl?.NoStore);
            var page = await Html.ParseAsync(refused);
            Assert.Equal("Busy right now", page.QuerySelector("h1")?.TextContent);
            Assert.Null(page.QuerySelector(".error-page__id"));

            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/?r=cache-buster-1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin/articles")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/columns")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/search?q=unique-while-busy")).StatusCode);
    }

    [Fact]
    public async Task A_second_concurrent_uncached_request_is_refused_while_the_first_runs()
    {
        var reader = factory.CreateReaderClient();
        using var slot = await TakeTheSlotAsync(factory); // the first request, still running
        var responses = await Task.WhenAll(reader.GetAsync("/search?q=second-one"), reader.GetAsync("/search?q=third-one"));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
    }

    [Fact]
    public async Task Shedding_is_a_warning_in_the_log_never_an_error()
    {
        var reader = factory.CreateReaderClient();
        using (await TakeTheSlotAsync(factory))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/search?q=logged")).StatusCode);
        }

        Assert.Contains(factory.Logs.Warnings, e => e.MessageTemplate.Text.StartsWith("Reader load over the limit", StringComparison.Ordinal));
        Assert.Empty(factory.Logs.Errors);
    }

    internal static async Task<RateLimitLease> TakeTheSlotAsync(NewsPortalFactory host)
    {
        var lease = await host.Services.GetRequiredService<ReaderLoadLimiter>().AcquireAsync(CancellationToken.None);
        Assert.True(lease.IsAcquired);
        return lease;
    }
}

public class ReaderLoadQueueTests(OneSlotOneQueuedPortalFactory factory) : IClassFixture<OneSlotOneQueuedPortalFactory>
{
    [Fact]
    public async Task A_request_waits_in_the_queue_and_when_one_more_comes_the_longest_waiter_is_refused()
    {
        // The longest waiter is the likeliest to have given up (HTTP/1.1 does not say when a reader leaves),
        // so it is refused and the newest reader waits for the slot.
        var reader = factory.CreateReaderClient();
        Task<HttpResponseMessage> oldest, newest;
        using (await ReaderLoadTests.TakeTheSlotAsync(factory))
        {
            oldest = reader.GetAsync("/search?q=queued-first");
            await Task.Delay(300);
            Assert.False(oldest.IsCompleted);
            newest = reader.GetAsync("/search?q=queued-last");
            using var refused = await oldest;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.False(newest.IsCompleted);
        }

        using var served = await newest;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
