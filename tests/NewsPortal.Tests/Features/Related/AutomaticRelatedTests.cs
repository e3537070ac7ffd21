using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Features.Related;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Features.Related;

public class AutomaticRelatedTests(NewsPortalFactory factory, ITestOutputHelper output) : IClassFixture<NewsPortalFactory>
{
    private const string DemoColumnSlug = "pressure-mounts-for-inter-korean-detente";
    private readonly HttpClient _client = factory.CreateReaderClient();

    private async Task<List<string>> SidebarAsync(string slug)
    {
        // Picks are computed by the background worker after a save.
        await factory.DerivedWorkDoneAsync();
        var page = await _client.GetDocumentAsync($"/articles/{slug}");
        return page.QuerySelectorAll("aside.related .card__headline a")
            .Select(a => a.GetAttribute("href")!.Replace("/articles/", "", StringComparison.Ordinal)).ToList();
    }

    private async Task<List<string>> StoredPicksAsync(string slug)
    {
        await factory.DerivedWorkDoneAsync();
        return await factory.WithDbAsync(db => db.AutomaticRelatedLinks
            .Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == slug))
            .OrderBy(r => r.Position)
            .Select(r => r.RelatedArticle!.Slug)
            .ToListAsync());
    }

    [Fact]
    public async Task Automatic_picks_fill_the_sidebar_after_the_curated_links_up_to_five()
    {
        var curated = await factory.WithDbAsync(db => db.RelatedLinks.Where(r => r.Article!.Slug == DemoColumnSlug)
            .OrderBy(r => r.Position).Select(r => r.RelatedArticle!.Slug).ToListAsync());
        var picks = await StoredPicksAsync(DemoColumnSlug);

        var sidebar = await SidebarAsync(DemoColumnSlug);

        Assert.Equal(3, curated.Count);
        Assert.Equal(5, sidebar.Count);
        Assert.Equal(curated, sidebar.Take(3));
        Assert.Equal(picks.Except(curated).Take(2), sidebar.Skip(3));
        Assert.Equal(sidebar.Count, sidebar.Distinct().Count());
    }

    [Fact]
    public async Task The_demo_column_is_paired_with_stories_on_the_same_subject()
    {
        var picks = await StoredPicksAsync(DemoColumnSlug);

        // Inter-Korean relations, the peninsula, denuclearization: the column's own subject.
        Assert.Contains(picks.Take(6), slug => slug is "a-steady-hand-on-north-korea-policy" or "what-a-small-deal-with-pyongyang-would-cost-seoul"
            or "seoul-halts-loudspeaker-broadcasts-along-border" or "north-korea-fires-cruise-missiles-into-yellow-sea");
        Assert.DoesNotContain(picks.Take(5), slug => slug.StartsWith("kbo", StringComparison.Ordinal) || slug.Contains("k-pop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_excluded_pick_is_replaced_by_the_next_one()
    {
        const string slug = "seoul-halts-loudspeaker-broadcasts-along-border";
        var before = await SidebarAsync(slug);
        var picks = await StoredPicksAsync(slug);
        var excluded = picks.First(before.Contains);

        await factory.WithDbAsync(async db =>
        {
            var articleId = await db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync();
            var excludedId = await db.Articles.Where(a => a.Slug == excluded).Select(a => a.Id).SingleAsync();
            db.RelatedExclusions.Add(new RelatedExclusion { ArticleId = articleId, ExcludedArticleId = excludedId });
            await db.SaveChangesAsync();
        });
        var after = await SidebarAsync(slug);

        Assert.DoesNotContain(excluded, after);
        Assert.Equal(before.Count, after.Count);

        // Recomputing (e.g. after an edit) keeps honouring the exclusion.
        await using var scope = factory.Services.CreateAsyncScope();
        var articleId = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
        await scope.ServiceProvider.GetRequiredService<AutomaticRelatedService>().ComputeAsync(articleId, default);
        Assert.DoesNotContain(excluded, await StoredPicksAsync(slug));
    }

    [Fact]
    public async Task Publishing_links_an_article_with_its_closest_neighbour_both_ways()
    {
        var first = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article()
            .WithHeadline("Zeppelin museum opens hangar to visitors")
            .WithBody("The zeppelin museum in Friedrichshafen opened its restored hangar. Zeppelin engineers guided visitors through the airship hangar."),
            ArticleChangeKind.Published);
        var second = await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article()
            .WithHeadline("Airship revival: zeppelin flights return")
            .WithBody("Zeppelin flights over Lake Constance return this summer. The airship operator said the zeppelin hangar is ready."),
            ArticleChangeKind.Published);

        Assert.Equal(first.Slug, (await StoredPicksAsync(second.Slug))[0]);
        // The earlier article was refreshed as a neighbour of the new one.
        Assert.Equal(second.Slug, (await StoredPicksAsync(first.Slug))[0]);
        Assert.Contains(second.Slug, await SidebarAsync(first.Slug));

        await factory.SetStatusAsync(second.Id, ArticleStatus.Unpublished);
        await factory.PublishChangeAsync(second.Id, ArticleChangeKind.Unpublished, second.Slug);
        Assert.DoesNotContain(second.Slug, await StoredPicksAsync(first.Slug));
        Assert.Empty(await StoredPicksAsync(second.Slug));
    }

    [Fact]
    public async Task Picks_share_a_section_or_tag_far_more_often_than_random_articles()
    {
        var quality = await factory.WithDbAsync(async db =>
        {
            var articles = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.Slug.Length > 0)
                .Select(a => new { a.Id, a.SectionId, Tags = a.Tags.Select(t => t.TagId).ToList() }).ToListAsync();
            var byId = articles.ToDictionary(a => a.Id);
            var links = await db.AutomaticRelatedLinks.AsNoTracking().Where(r => r.Position < 5).Select(r => new { r.ArticleId, r.RelatedArticleId }).ToListAsync();
            bool Shares(int a, int b) => byId[a].SectionId == byId[b].SectionId || byId[a].Tags.Intersect(byId[b].Tags).Any();
            var picked = links.Where(l => byId.ContainsKey(l.ArticleId) && byId.ContainsKey(l.RelatedArticleId)).ToList();
            var pickedShare = picked.Count(l => Shares(l.ArticleId, l.RelatedArticleId)) / (double)picked.Count;
            var pairs = articles.SelectMany(a => articles.Where(b => b.Id != a.Id).Select(b => (a.Id, b.Id))).ToList();
            var randomShare = pairs.Count(p => Shares(p.Item1, p.Item2)) / (double)pairs.Count;
            return (pickedShare, randomShare, picked.Count);
        });
        output.WriteLine($"Top-5 picks sharing section or tag: {quality.pickedShare:P1} of {quality.Count}; random pairs: {quality.randomShare:P1}");

        Assert.True(quality.pickedShare >= 0.9, $"picks share section/tag {quality.pickedShare:P1}");
        Assert.True(quality.pickedShare > quality.randomShare * 1.8, $"random baseline {quality.randomShare:P1}");
    }

    [Fact]
    public async Task Reindex_rebuilds_search_key_points_and_picks_and_reports_progress()
    {
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleSearch\"");
        });
        var writer = new StringWriter();
        await factory.DerivedWorkDoneAsync();

        var summary = await factory.Services.GetRequiredService<DiscoveryMaintenance>().ReindexAsync(writer, default);

        var published = await factory.WithDbAsync(db => db.Articles.CountAsync(a => a.Status == ArticleStatus.Published));
        Assert.Equal(published, summary.Indexed);
        Assert.Equal(published, summary.RelatedComputed);
        Assert.True(summary.RelatedLinks > published);
        Assert.Contains("Search index: ", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("(100%)", writer.ToString(), StringComparison.Ordinal);
        var page = await _client.GetDocumentAsync("/search?q=detente");
        Assert.NotEmpty(page.QuerySelectorAll(".search-result"));
    }
}
