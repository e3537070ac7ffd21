using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace NewsPortal.Web.Features.Articles;

/// <summary>
/// Remembers how many articles a big listing has. Counting 100,000 index entries costs tens of
/// milliseconds on SQLite, on every page view; a listing that large changes its page count only
/// with a publish, which resets every remembered count. Small listings are always counted fresh.
/// </summary>
public sealed class ListingCounts(IMemoryCache cache) : IDisposable
{
    /// <summary>Counts below this are cheap and never remembered, so small sites are always exact.</summary>
    public const int RememberFrom = 2000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private CancellationTokenSource _generation = new();

    public bool TryGet(string listing, out int count) => cache.TryGetValue(Key(listing), out count);

    public void Remember(string listing, int count)
    {
        if (count < RememberFrom)
        {
            cache.Remove(Key(listing));
            return;
        }
        using var entry = cache.CreateEntry(Key(listing));
        entry.Value = count;
        entry.AbsoluteExpirationRelativeToNow = Lifetime;
        entry.AddExpirationToken(new CancellationChangeToken(_generation.Token));
    }

    /// <summary>Forgets every remembered count (an article was published, unpublished, moved …).</summary>
    public void Reset()
    {
        var previous = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose() => _generation.Dispose();

    private static string Key(string listing) => "listing-count:" + listing;
}

public sealed class ListingCountsReset(ListingCounts counts) : IArticleChangeHandler
{
    public Task HandleAsync(ArticleChange change, CancellationToken cancellationToken)
    {
        counts.Reset();
        return Task.CompletedTask;
    }
}
