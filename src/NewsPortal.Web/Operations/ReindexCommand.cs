using System.Globalization;
using NewsPortal.Web.Features.Discovery;

namespace NewsPortal.Web.Operations;

/// <summary><c>reindex</c>: rebuilds the search index, key points and automatic related articles.</summary>
public sealed class ReindexCommand : IOperatorCommand
{
    public string Name => "reindex";

    public string Summary => "Rebuild the search index, key points and automatic related articles for every article.";

    public string Usage => "reindex";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (arguments.Count > 0)
        {
            await Console.Error.WriteLineAsync($"reindex takes no arguments (got '{string.Join(' ', arguments)}').");
            return 2;
        }
        var summary = await services.GetRequiredService<DiscoveryMaintenance>().ReindexAsync(Console.Out, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Indexed} articles indexed for search, " +
            $"{summary.KeyPointsUpdated} key-point sets changed, {summary.RelatedLinks} automatic related links for {summary.RelatedComputed} articles."));
        return 0;
    }
}
