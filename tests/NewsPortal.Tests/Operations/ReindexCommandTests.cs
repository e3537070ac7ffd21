using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Operations;

namespace NewsPortal.Tests.Operations;

public class ReindexCommandTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private IOperatorCommand Reindex => factory.Services.GetServices<IOperatorCommand>().Single(c => c.Name == "reindex");

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await Reindex.RunAsync(arguments, factory.Services, new CommandOutput(output, error), default);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Reindex_newest_recomputes_related_picks_only_for_the_most_recently_published_articles()
    {
        await factory.WithDbAsync(db => db.AutomaticRelatedLinks.ExecuteDeleteAsync());
        var searchBefore = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync());

        var (exitCode, output, _) = await RunAsync("--only", "related", "--newest", "5");

        Assert.Equal(0, exitCode);
        Assert.Contains("Automatic related: 5/5 (100%)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Search index", output, StringComparison.Ordinal);
        var newest = await factory.WithDbAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(5).Select(a => a.Id).ToListAsync());
        var withPicks = await factory.WithDbAsync(db => db.AutomaticRelatedLinks.Select(r => r.ArticleId).Distinct().ToListAsync());
        Assert.Equal(newest.Order(), withPicks.Order());
        Assert.Equal(searchBefore, await factory.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync()));
    }

    [Theory]
    [InlineData("--newest", "0")]
    [InlineData("--newest", "many")]
    [InlineData("--newest")]
    [InlineData("--only", "everything")]
    [InlineData("--only", "search,pictures")]
    [InlineData("--fast")]
    [InlineData("now")]
    public async Task Bad_arguments_are_refused_with_usage_and_exit_code_2(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: reindex", error, StringComparison.Ordinal);
        Assert.DoesNotContain("rebuilding", output, StringComparison.Ordinal);
    }
}
