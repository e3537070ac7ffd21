using Microsoft.EntityFrameworkCore;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// Saves return before their derived work (search index, related picks) is done: the background worker does it.
/// A test that reads search or related picks right after a save waits here first, as a reader would wait a moment.
/// </summary>
public static class DerivedWorkWaits
{
    /// <summary>Waits until no article's derived work is pending; fails, naming what is left, after <paramref name="timeout"/> (60 s by default: a loaded 2-core CI machine).</summary>
    public static async Task DerivedWorkDoneAsync(this NewsPortalFactory host, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var left = await host.WithDbAsync(db => db.DerivedWork.AsNoTracking()
                .Select(w => new { w.ArticleId, w.Attempts, w.LastError }).Take(5).ToListAsync());
            if (left.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Derived work still pending: " + string.Join("; ", left.Select(w => $"article {w.ArticleId} ({w.Attempts} failed attempts: {w.LastError})")));
            }
            await Task.Delay(20);
        }
    }
}
