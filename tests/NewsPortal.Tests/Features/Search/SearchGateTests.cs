using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Tests.Features.Search;

[Trait("Database", "None")]
public class SearchGateTests
{
    // Only a guard against a hang when the gate is broken; no assertion depends on time.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static SearchGate Gate(int slots) => new(Options.Create(new SearchOptions { MaxConcurrentQueries = slots }));

    [Fact]
    public async Task No_more_full_text_queries_run_at_once_than_the_configured_slots()
    {
        using var gate = Gate(2);
        var running = 0;
        var most = 0;
        var queries = Enumerable.Range(0, 6).Select(_ => new Query()).ToList();

        var results = queries.Select(query => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            query.Entered.SetResult();
            await query.Release.Task;
            Interlocked.Decrement(ref running);
            return now;
        }, default)).ToList();

        await Task.WhenAll(queries[0].Entered.Task, queries[1].Entered.Task).WaitAsync(Hang);
        Assert.Equal(2, queries.Count(q => q.HasEntered));
        Assert.Equal(2, Volatile.Read(ref running));

        // Each query that ends lets exactly one waiting query in.
        for (var ended = 0; ended < 4; ended++)
        {
            var waiting = queries.Where(q => !q.HasEntered).Select(q => q.Entered.Task).ToList();
            queries[ended].Release.SetResult();
            await Task.WhenAny(waiting).WaitAsync(Hang);
            Assert.Equal(ended + 3, queries.Count(q => q.HasEntered));
            Assert.Equal(2, Volatile.Read(ref running));
        }

        queries[4].Release.SetResult();
        queries[5].Release.SetResult();
        await Task.WhenAll(results).WaitAsync(Hang);
        Assert.Equal(2, most);
        Assert.Equal(0, running);
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

    [Theory]
    [InlineData("3", 3)]
    [InlineData(null, -1)]
    public void Slots_come_from_Search_MaxConcurrentQueries_and_default_to_twice_the_processors(string? configured, int expected)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Search:MaxConcurrentQueries"] = configured;
        }
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSearch()
            .BuildServiceProvider();

        var gate = services.GetRequiredService<SearchGate>();

        Assert.Equal(expected == -1 ? Math.Clamp(Environment.ProcessorCount * 2, 1, 256) : expected, gate.MaxConcurrentQueries);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class Query
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasEntered => Entered.Task.IsCompleted;
    }
}
