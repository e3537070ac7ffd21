using System.Globalization;
using NewsPortal.Web.Features.Discovery;

namespace NewsPortal.Web.Operations;

/// <summary><c>reindex</c>: rebuilds the search index, key points and automatic related articles.</summary>
public sealed class ReindexCommand : IOperatorCommand
{
    private static readonly string[] Parts = ["search", "key-points", "related"];

    public string Name => "reindex";

    public string Summary => "Rebuild the search index, key points and automatic related articles for every article.";

    public string Usage => "reindex [--only search,key-points,related] [--newest N]  (--newest: key points and related picks for the N most recently published only)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values)
            .Concat(options.Keys.Except(["only", "newest"], StringComparer.OrdinalIgnoreCase).Select(k => "--" + k))
            .ToList();
        if (unknown.Count > 0)
        {
            return await FailAsync(output.Error, $"Unknown argument '{unknown[0]}'.");
        }
        var parts = Parts;
        if (options.TryGetValue("only", out var only))
        {
            parts = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wrong = parts.FirstOrDefault(p => !Parts.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (wrong is not null || parts.Length == 0)
            {
                return await FailAsync(output.Error, $"--only takes {string.Join(", ", Parts)} (comma-separated); got '{only}'.");
            }
        }
        int? newest = null;
        if (options.TryGetValue("newest", out var rawNewest))
        {
            if (!int.TryParse(rawNewest, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return await FailAsync(output.Error, $"--newest must be a whole number of articles, 1 or more; got '{rawNewest}'.");
            }
            newest = count;
        }

        bool Has(string part) => parts.Contains(part, StringComparer.OrdinalIgnoreCase);
        var reindex = new ReindexOptions(Has("search"), Has("key-points"), Has("related"), newest);
        var summary = await services.GetRequiredService<DiscoveryMaintenance>().ReindexAsync(reindex, output.Out, cancellationToken);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Indexed} articles indexed for search, " +
            $"{summary.KeyPointsUpdated} key-point sets changed, {summary.RelatedLinks} automatic related links for {summary.RelatedComputed} articles."));
        return 0;
    }

    private async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\nUsage: {Usage}");
        return 2;
    }
}
