using Microsoft.Extensions.Configuration;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Tests.Features.Search;

public class SearchGateTests
{
    private static SearchGate Gate(int slots) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Search:MaxConcurrentQueries"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        .Build());

    [Fact]
    public async Task No_more_full_text_queries_run_at_once_than_the_configured_slots()
    {
        using var gate = Gate(2);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource();

        var queries = Enumerable.Range(0, 6).Select(_ => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return now;
        }, default)).ToList();
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref running));

        release.SetResult();
        await Task.WhenAll(queries);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task A_reader_who_leaves_while_waiting_stops_waiting_and_the_gate_keeps_working()
    {
        using var gate = Gate(1);
        var release = new TaskCompletionSource<int>();
        var first = gate.RunAsync(() => release.Task, default);
        using var leaving = new CancellationTokenSource();

        var waiting = gate.RunAsync(() => Task.FromResult(2), leaving.Token);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult(1);
        Assert.Equal(1, await first);
        Assert.Equal(3, await gate.RunAsync(() => Task.FromResult(3), default));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10_000, 256)]
    public void Configured_slots_are_kept_within_sane_bounds(int configured, int expected)
    {
        using var gate = Gate(configured);
        Assert.Equal(expected, gate.MaxConcurrentQueries);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
