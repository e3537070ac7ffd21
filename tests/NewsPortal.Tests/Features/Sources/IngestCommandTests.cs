using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Operations;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>The <c>ingest</c> operator command.</summary>
public sealed class IngestCommandTests(FeedPortalFactory factory, FeedServerFixture feeds)
    : IClassFixture<FeedPortalFactory>, IClassFixture<FeedServerFixture>
{
    private IOperatorCommand Ingest => factory.Services.GetServices<IOperatorCommand>().Single(c => c.Name == "ingest");

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await Ingest.RunAsync(arguments, factory.Services, new CommandOutput(output, error), default);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ingest_one_source_prints_what_it_added_and_a_second_run_adds_nothing()
    {
        var source = await factory.AddSourceAsync(feeds.Server.Feed("/atom.xml", FeedTestData.Tag()));

        var first = await RunAsync("--source", source.Slug);
        var second = await RunAsync("--source", source.Slug);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"{source.Name}: 2 added, 0 updated, 0 unchanged.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Done: 1 feeds polled, 2 items added", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"{source.Name}: the feed has not changed since the last poll.", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_all_reports_each_feed_and_exits_1_when_one_failed()
    {
        var good = await factory.AddSourceAsync(feeds.Server.Feed("/rss1.rdf", FeedTestData.Tag()));
        var bad = await factory.AddSourceAsync(feeds.Server.Feed("/malformed.xml", FeedTestData.Tag()));

        var (exitCode, output, _) = await RunAsync("--all");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{good.Name}: 2 added", output, StringComparison.Ordinal);
        Assert.Contains($"{bad.Name}: the poll failed: The feed is not well-formed XML", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_is_one_line_and_exit_code_1()
    {
        var (exitCode, _, error) = await RunAsync("--source", "no-such-partner");

        Assert.Equal(1, exitCode);
        Assert.Equal("No source with the slug 'no-such-partner' has a feed URL.", error.Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("--source")]
    [InlineData("--all", "--source", "x")]
    [InlineData("--all", "now")]
    [InlineData("--everything")]
    [InlineData("korea-herald")]
    public async Task Bad_arguments_are_refused_with_usage_and_exit_code_2(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: ingest", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
