using System.Globalization;
using NewsPortal.Web.Operations.Generator;
using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Operations;

/// <summary><c>generate --articles N</c>: fills the configured database with a realistic archive.</summary>
public sealed class GenerateCommand : IOperatorCommand
{
    public const int MaxArticles = 2_000_000;

    public string Name => "generate";

    public string Summary => "Fill the database with generated articles (load tests, demos).";

    public string Usage => "generate --articles N [--seed S] [--skip-search-index]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values)
            .Concat(options.Keys.Except(["articles", "seed", "skip-search-index"], StringComparer.OrdinalIgnoreCase).Select(k => "--" + k))
            .ToList();
        if (unknown.Count > 0)
        {
            await output.Error.WriteLineAsync($"Unknown argument '{unknown[0]}'.\nUsage: {Usage}");
            return 2;
        }
        if (!options.TryGetValue("articles", out var raw)
            || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var articles)
            || articles is < 1 or > MaxArticles)
        {
            await output.Error.WriteLineAsync($"--articles must be a whole number from 1 to {MaxArticles:N0}.\nUsage: {Usage}");
            return 2;
        }
        var seed = 42;
        if (options.TryGetValue("seed", out var rawSeed) && !int.TryParse(rawSeed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
        {
            await output.Error.WriteLineAsync($"--seed must be a whole number.\nUsage: {Usage}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<ArticleGenerator>();
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generating {articles:N0} articles (seed {seed}) …"));
        var summary = await generator.GenerateAsync(new GeneratorOptions(articles, seed), output.Out, cancellationToken);

        // Readers search what was generated too: the full-text index is rebuilt from the articles
        // (unless skipped; the portal then fills an empty index when it starts).
        var indexed = 0;
        var indexWatch = System.Diagnostics.Stopwatch.StartNew();
        if (options.ContainsKey("skip-search-index"))
        {
            output.Out.WriteLine("Search index not rebuilt (--skip-search-index); run the 'reindex' command before serving.");
        }
        else
        {
            output.Out.WriteLine("Rebuilding the search index …");
            indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(
                (done, total) =>
                {
                    if (done % 10_000 < 500 || done == total)
                    {
                        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done,9:N0} / {total:N0} indexed"));
                    }
                },
                cancellationToken);
        }
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: articles in {summary.Elapsed.TotalSeconds:F1} s, search index in {indexWatch.Elapsed.TotalSeconds:F1} s: {summary.Articles:N0} articles ({summary.Published:N0} published), " +
            $"{summary.Authors:N0} generated authors, {summary.Tags:N0} generated tags, {summary.ArticleTags:N0} article tags, " +
            $"{summary.RelatedLinks:N0} curated related links, {summary.Comments:N0} comments; {indexed:N0} articles in the search index."));
        return 0;
    }
}
