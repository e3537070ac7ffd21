using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Tests.Features.Replicas;

/// <summary>Background work with two replicas on one database: each job runs on one of them, each scheduled article goes public once.</summary>
public sealed class JobLeaseReplicaTests : IDisposable
{
    private readonly ReplicaPair _replicas = new(redis: null, outputCache: false);

    public void Dispose() => _replicas.Dispose();

    [Fact]
    public async Task A_job_lease_is_taken_by_one_of_two_replicas_renewed_by_it_and_passed_on_only_when_it_runs_out()
    {
        var a = ReplicaPair.ServiceOf<JobLeases>(_replicas.A);
        var b = ReplicaPair.ServiceOf<JobLeases>(_replicas.B);
        var job = "test-job-" + Guid.NewGuid().ToString("N")[..8];
        var duration = TimeSpan.FromMinutes(1);

        using var start = new Barrier(2);
        var first = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return a.TryTakeAsync(job, duration, CancellationToken.None); }),
            Task.Run(() => { start.SignalAndWait(); return b.TryTakeAsync(job, duration, CancellationToken.None); }));
        var (holder, other) = first[0] ? (a, b) : (b, a);
        var renewed = await holder.TryTakeAsync(job, duration, CancellationToken.None);
        var otherMeanwhile = await other.TryTakeAsync(job, duration, CancellationToken.None);
        _replicas.Advance(TimeSpan.FromMinutes(2));
        var otherAfterExpiry = await other.TryTakeAsync(job, duration, CancellationToken.None);
        var oldHolderAfter = await holder.TryTakeAsync(job, duration, CancellationToken.None);
        var row = await _replicas.A.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job));

        Assert.Equal(1, first.Count(taken => taken));
        Assert.True(renewed);
        Assert.False(otherMeanwhile);
        Assert.True(otherAfterExpiry);
        Assert.False(oldHolderAfter);
        Assert.Equal(other.Holder, row.Holder);
    }

    [Fact]
    public async Task A_scheduled_article_is_published_exactly_once_with_two_replicas_publishing_at_the_same_time()
    {
        var now = _replicas.A.Clock.GetUtcNow().UtcDateTime;
        var ids = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var article = await _replicas.A.WithDbAsync(db => ArticleBuilder.Article()
                .WithStatus(ArticleStatus.Scheduled).PublishedAt(now.AddMinutes(-1 - i)).SaveAsync(db, _replicas.A.Clock));
            ids.Add(article.Id);
        }
        var revisionsBefore = await RevisionCountsAsync(ids);

        var runs = Enumerable.Range(0, 6).SelectMany(_ => new[] { _replicas.A, _replicas.B })
            .Select(host => Task.Run(async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);
            }));
        var published = await Task.WhenAll(runs);

        var statuses = await _replicas.B.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Status).ToListAsync());
        var audits = await _replicas.B.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Article) && e.Action == AuditActions.Published)
            .Select(e => e.EntityId).ToListAsync());
        Assert.Equal(ids.Count, published.Sum());
        Assert.All(statuses, status => Assert.Equal(ArticleStatus.Published, status));
        Assert.All(ids, id => Assert.Single(audits, entityId => entityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(revisionsBefore, await RevisionCountsAsync(ids));
    }

    /// <summary>Publishing adds no revision (the text did not change), so a duplicate publish would show as extra rows.</summary>
    private Task<int> RevisionCountsAsync(List<int> ids) =>
        _replicas.A.WithDbAsync(db => db.Revisions.AsNoTracking().CountAsync(r => ids.Contains(r.ArticleId)));
}
