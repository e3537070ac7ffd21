using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Discovery;

/// <summary>
/// Records that an article's derived data is due, in the request and in one statement: an upsert on the article's
/// <c>DerivedWork</c> row (a new row, or a bumped version on the pending one: the coalescing). The
/// <see cref="DerivedWorkService"/> does the work; <see cref="DerivedWorkSignal"/> wakes it at once.
/// </summary>
public sealed class DerivedWorkQueue(NewsPortalDbContext db, DerivedWorkSignal signal, TimeProvider clock)
{
    /// <summary>Rows per statement for a bulk enqueue: well under both providers' parameter and statement limits.</summary>
    private const int Chunk = 500;

    /// <summary>Articles <see cref="EnqueueManyAsync"/> already enqueued in this scope, so the per-article change that follows costs nothing.</summary>
    private readonly HashSet<int> _enqueuedTogether = [];

    public async Task EnqueueAsync(int articleId, ArticleChangeKind kind, CancellationToken cancellationToken)
    {
        if (_enqueuedTogether.Remove(articleId))
        {
            return;
        }
        await UpsertAsync([articleId], kind, cancellationToken);
        signal.Notify();
    }

    /// <summary>
    /// Enqueues many articles (every article of a renamed section, say) in a statement per <see cref="Chunk"/> rather
    /// than a round trip each; their own <see cref="EnqueueAsync"/> in this scope then finds them done.
    /// </summary>
    public async Task EnqueueManyAsync(IReadOnlyCollection<int> articleIds, ArticleChangeKind kind, CancellationToken cancellationToken)
    {
        foreach (var chunk in articleIds.Distinct().Chunk(Chunk))
        {
            await UpsertAsync(chunk, kind, cancellationToken);
            _enqueuedTogether.UnionWith(chunk);
        }
        if (articleIds.Count > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT DO UPDATE</c> reads the same on SQLite and PostgreSQL. The ids are integers written
    /// into the text (nothing a user typed); the time is the one parameter. A deletion stays a deletion when a later
    /// change of the same id arrives; the version goes up on every change, so work in progress is not mistaken for done.
    /// </summary>
    private Task<int> UpsertAsync(int[] articleIds, ArticleChangeKind kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var k = ((int)kind).ToString(CultureInfo.InvariantCulture);
        var deleted = ((int)ArticleChangeKind.Deleted).ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("INSERT INTO \"DerivedWork\" (\"ArticleId\", \"Kind\", \"Version\", \"EnqueuedAt\", \"LastEnqueuedAt\", \"DueAt\", \"Attempts\") VALUES ");
        for (var i = 0; i < articleIds.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({articleIds[i]}, {k}, 1, {{0}}, {{0}}, {{0}}, 0)");
        }
        sql.Append(" ON CONFLICT (\"ArticleId\") DO UPDATE SET ")
            .Append(CultureInfo.InvariantCulture, $"\"Kind\" = CASE WHEN \"DerivedWork\".\"Kind\" = {deleted} THEN {deleted} ELSE excluded.\"Kind\" END, ")
            .Append("\"Version\" = \"DerivedWork\".\"Version\" + 1, \"LastEnqueuedAt\" = excluded.\"LastEnqueuedAt\", ")
            .Append("\"DueAt\" = excluded.\"DueAt\", \"Attempts\" = 0, \"LastError\" = NULL");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), [now], cancellationToken);
    }
}

/// <summary>Wakes the worker in this process when work is enqueued; other replicas' work is found by polling.</summary>
public sealed class DerivedWorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>; take it before looking for work, so a notify in between is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>What readiness reports: how many articles wait for derived work, and since when the oldest.</summary>
public sealed record DerivedWorkBacklog(int Pending, DateTime? OldestEnqueuedAt, int Failing)
{
    public static async Task<DerivedWorkBacklog> ReadAsync(NewsPortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = db.DerivedWork.AsNoTracking();
        var pending = await rows.CountAsync(cancellationToken);
        if (pending == 0)
        {
            return new DerivedWorkBacklog(0, null, 0);
        }
        var oldest = await rows.OrderBy(w => w.EnqueuedAt).Select(w => (DateTime?)w.EnqueuedAt).FirstOrDefaultAsync(cancellationToken);
        var failing = await rows.CountAsync(w => w.Attempts > 0, cancellationToken);
        return new DerivedWorkBacklog(pending, oldest, failing);
    }
}
