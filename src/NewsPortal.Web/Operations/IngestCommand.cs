using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Sources;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Operations;

/// <summary><c>ingest</c>: polls partner feeds now, whatever their schedule, and prints what each poll did.</summary>
public sealed class IngestCommand : IOperatorCommand
{
    public string Name => "ingest";

    public string Summary => "Poll partner feeds now and print what each added, updated or left unchanged.";

    public string Usage => "ingest --source <slug> | --all  (--all: every source with a feed that is not paused)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values)
            .Concat(options.Keys.Except(["source", "all"], StringComparer.OrdinalIgnoreCase).Select(k => "--" + k))
            .ToList();
        if (unknown.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown argument '{unknown[0]}'.");
        }
        var hasSource = options.TryGetValue("source", out var slug);
        var all = options.TryGetValue("all", out var allValue);
        if (hasSource == all)
        {
            return await FailAsync(output.Error, "Give either --source <slug> or --all.");
        }
        if (all && allValue != "true")
        {
            return await FailAsync(output.Error, $"--all takes no value; got '{allValue}'.");
        }
        if (hasSource && (slug is null or "true"))
        {
            return await FailAsync(output.Error, "--source needs the slug of a source, e.g. --source korea-herald.");
        }

        List<(int Id, string Slug)> targets;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
            var query = db.Sources.AsNoTracking().Where(s => s.FeedUrl != null);
            query = all ? query.Where(s => s.FeedEnabled) : query.Where(s => s.Slug == slug);
            targets = [.. (await query.OrderBy(s => s.Name).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Slug))];
        }
        if (hasSource && targets.Count == 0)
        {
            await output.Error.WriteLineAsync($"No source with the slug '{slug}' has a feed URL.");
            return 1;
        }
        if (targets.Count == 0)
        {
            output.Out.WriteLine("No source has an enabled feed; nothing to poll.");
            return 0;
        }

        var progress = CommandProgress.For(output);
        var failed = 0;
        var outcomes = new List<PollOutcome>();
        for (var i = 0; i < targets.Count; i++)
        {
            progress.Report(new TransferProgress("feeds", i, targets.Count));
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<FeedIngester>().PollAsync(targets[i].Id, cancellationToken);
            if (outcome is not null)
            {
                outcomes.Add(outcome);
                failed += outcome.Succeeded ? 0 : 1;
            }
        }
        progress.Report(new TransferProgress("feeds", targets.Count, targets.Count));
        progress.Complete();
        foreach (var outcome in outcomes)
        {
            output.Out.WriteLine($"  {outcome.SourceSlug,-24} {outcome.Describe()}");
        }
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {outcomes.Count} feeds polled, {outcomes.Sum(o => o.Added)} items added, {outcomes.Sum(o => o.Updated)} updated, " +
            $"{outcomes.Sum(o => o.Unchanged)} unchanged, {failed} feeds failed."));
        return failed > 0 ? 1 : 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
