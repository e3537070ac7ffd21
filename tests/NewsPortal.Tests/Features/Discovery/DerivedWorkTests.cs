using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Discovery;

namespace NewsPortal.Tests.Features.Discovery;

/// <summary>
/// Issue 17: an editor's save only queues its derived work (search index, related picks); the background worker does
/// it, coalesced per article, from rows in the database that outlive the process, retrying what fails without
/// holding up the rest, and readiness says how far behind it is.
/// </summary>
public sealed class DerivedWorkTests(DerivedWorkHost host) : IClassFixture<DerivedWorkHost>
{
    [Fact]
    public async Task A_save_returns_before_its_derived_work_and_search_catches_up_when_the_worker_gets_to_it()
    {
        var word = "quokkafirst";
        var article = await SaveAsync(word);
        // Another replica holds this article's work (and then dies): the save must not wait for it.
        await HoldByAnotherReplicaAsync(article.Id);

        await host.PublishChangeAsync(article.Id, ArticleChangeKind.Published, article.Slug);

        var row = await host.WithDbAsync(db => db.DerivedWork.AsNoTracking().SingleAsync(w => w.ArticleId == article.Id));
        Assert.Equal(2, row.Version);
        Assert.DoesNotContain(article.Slug, await SearchAsync(word), StringComparison.Ordinal);

        host.Clock.Advance(DerivedWorkProcessor.Lease + TimeSpan.FromHours(1));
        await host.DerivedWorkDoneAsync();
        Assert.Contains(article.Slug, await SearchAsync(word), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_saves_of_one_article_while_its_work_waits_are_worked_on_once()
    {
        var article = await SaveAsync("wombatcoalesced");
        await HoldByAnotherReplicaAsync(article.Id);
        for (var i = 0; i < 10; i++)
        {
            await host.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        }
        Assert.Equal(1, await host.WithDbAsync(db => db.DerivedWork.CountAsync(w => w.ArticleId == article.Id)));

        host.Clock.Advance(DerivedWorkProcessor.Lease + TimeSpan.FromHours(1));
        await host.DerivedWorkDoneAsync();

        Assert.Equal(1, host.Probe.Runs.Count(id => id == article.Id));
    }

    [Fact]
    public async Task A_failing_article_is_retried_later_does_not_hold_up_others_and_readiness_reports_it()
    {
        var failing = await SaveAsync("numbatfailing");
        var healthy = await SaveAsync("bilbyhealthy");
        host.Probe.Failing[failing.Id] = true;

        await host.PublishChangeAsync(failing.Id, ArticleChangeKind.Published, failing.Slug);
        await host.PublishChangeAsync(healthy.Id, ArticleChangeKind.Published, healthy.Slug);

        await WaitUntilAsync(async () => !await host.WithDbAsync(db => db.DerivedWork.AnyAsync(w => w.ArticleId == healthy.Id)));
        Assert.Contains(healthy.Slug, await SearchAsync("bilbyhealthy"), StringComparison.Ordinal);
        var row = await host.WithDbAsync(db => db.DerivedWork.AsNoTracking().SingleAsync(w => w.ArticleId == failing.Id));
        Assert.Equal(1, row.Attempts);
        Assert.Contains("probe refuses", row.LastError, StringComparison.Ordinal);
        Assert.True(row.DueAt > host.Clock.GetUtcNow().UtcDateTime, "a failed article waits before its retry");

        using var client = host.CreateReaderClient();
        var ready = await client.GetStringAsync("/healthz/ready");
        Assert.StartsWith("Healthy", ready, StringComparison.Ordinal);
        Assert.Contains("derived-work: Healthy - 1 article(s) pending", ready, StringComparison.Ordinal);

        // A minute later it has failed again and is still pending: readiness says the derived data is going stale.
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await WaitUntilAsync(async () => (await host.WithDbAsync(db => db.DerivedWork.AsNoTracking().SingleAsync(w => w.ArticleId == failing.Id))).Attempts >= 2);
        ready = await client.GetStringAsync("/healthz/ready");
        Assert.StartsWith("Degraded", ready, StringComparison.Ordinal);
        Assert.Contains("derived-work: Degraded - 1 article(s) pending, the oldest for 61 s, 1 failing", ready, StringComparison.Ordinal);

        // Fixed: the next retry succeeds, the row goes, readiness is plain again.
        host.Probe.Failing[failing.Id] = false;
        host.Clock.Advance(DerivedWorkProcessor.RetryDelay(2));
        await host.DerivedWorkDoneAsync();
        Assert.Contains(failing.Slug, await SearchAsync("numbatfailing"), StringComparison.Ordinal);
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz/ready"));
    }

    [Fact]
    public async Task Work_left_in_the_database_is_done_by_the_next_process_that_starts()
    {
        var article = await SaveAsync("dingorestart");
        // As a save leaves it when the process stops before its worker got to it: a row, no signal, no lease.
        await host.WithDbAsync(async db =>
        {
            var now = host.Clock.GetUtcNow().UtcDateTime;
            db.DerivedWork.Add(new DerivedWork { ArticleId = article.Id, Kind = (int)ArticleChangeKind.Published, Version = 1, EnqueuedAt = now, LastEnqueuedAt = now, DueAt = now });
            await db.SaveChangesAsync();
        });

        var connection = host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default")!;
        using var next = new SameDatabaseHost(connection);
        next.Clock.SetUtcNow(host.Clock.GetUtcNow());
        using var client = next.CreateReaderClient();
        await next.DerivedWorkDoneAsync();
        Assert.Contains(article.Slug, await (await client.GetAsync("/search?q=dingorestart")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<Article> SaveAsync(string word) =>
        host.WithDbAsync(db => ArticleBuilder.Article().WithHeadline($"The {word} story").WithBody($"A body about the {word} and nothing else.")
            .SaveAsync(db, host.Clock));

    private Task HoldByAnotherReplicaAsync(int articleId) => host.WithDbAsync(async db =>
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        db.DerivedWork.Add(new DerivedWork
        {
            ArticleId = articleId, Kind = (int)ArticleChangeKind.Edited, Version = 1, EnqueuedAt = now, LastEnqueuedAt = now, DueAt = now,
            LeasedBy = "another-replica", LeasedUntil = now + TimeSpan.FromHours(1),
        });
        await db.SaveChangesAsync();
    });

    private async Task<string> SearchAsync(string word)
    {
        using var client = host.CreateReaderClient();
        return await client.GetStringAsync("/search?q=" + word);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 10 s");
            await Task.Delay(20);
        }
    }

    /// <summary>A second process over the first one's database (its own clock and files), as after a restart.</summary>
    private sealed class SameDatabaseHost(string connection) : NewsPortalFactory(new PortalOptions
    {
        DemoContent = false,
        Settings = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connection },
    });
}

/// <summary>Records which articles the worker worked on, and fails those a test names, after the real work.</summary>
public sealed class DerivedWorkProbe
{
    public ConcurrentQueue<int> Runs { get; } = new();

    public ConcurrentDictionary<int, bool> Failing { get; } = new();

    public sealed class Step(DerivedWorkProbe probe) : IDerivedWorkStep
    {
        public Task RunAsync(DerivedWorkItem item, CancellationToken cancellationToken)
        {
            probe.Runs.Enqueue(item.ArticleId);
            return probe.Failing.GetValueOrDefault(item.ArticleId)
                ? throw new InvalidOperationException($"The probe refuses article {item.ArticleId}.")
                : Task.CompletedTask;
        }
    }
}

public sealed class DerivedWorkHost : NewsPortalFactory
{
    public DerivedWorkProbe Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IDerivedWorkStep>(_ => new DerivedWorkProbe.Step(Probe)));
    }
}
