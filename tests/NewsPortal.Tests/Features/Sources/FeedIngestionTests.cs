using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>Issue 15's acceptance for feeds, against a real feed server on 127.0.0.1 (private networks allowed here).</summary>
public sealed class FeedIngestionTests(FeedPortalFactory factory, FeedServerFixture feeds)
    : IClassFixture<FeedPortalFactory>, IClassFixture<FeedServerFixture>
{
    private FeedServer Server => feeds.Server;

    [Fact]
    public async Task Good_items_are_ingested_once_across_three_polls()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));

        var first = await factory.PollAsync(source.Id);
        var afterFirst = await factory.ArticlesOfAsync(source.Id);
        var second = await factory.PollAsync(source.Id);
        var third = await factory.PollAsync(source.Id);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(3, first.Added);
        Assert.True(second.Succeeded && third.Succeeded);
        Assert.Equal(0, second.Added + third.Added + second.Updated + third.Updated);
        var articles = await factory.ArticlesOfAsync(source.Id);
        Assert.Equal(3, articles.Count);
        Assert.Equal(afterFirst.Select(a => (a.Id, a.Version)), articles.Select(a => (a.Id, a.Version)));
        Assert.Equal(articles.Count, articles.Select(a => a.Slug).Distinct().Count());
        Assert.All(articles, a => Assert.StartsWith($"feed:{source.Id}:", a.ImportKey, StringComparison.Ordinal));
        var status = await factory.SourceAsync(source.Id);
        Assert.Equal(3, status.ItemsAddedTotal);
        Assert.Null(status.LastError);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Equal(3, Server.Hits("/rss2.xml", tag));
    }

    [Fact]
    public async Task An_item_becomes_an_article_with_its_canonical_link_hero_wire_credit_and_section()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));

        await factory.PollAsync(source.Id);

        var traffic = (await factory.ArticlesOfAsync(source.Id)).Single(a => a.Headline.StartsWith("Seoul unveils", StringComparison.Ordinal));
        Assert.Equal($"{Server.BaseAddress}news/{tag}/seoul-traffic-plan", traffic.OriginalUrl);
        Assert.Equal($"feed:{source.Id}:urn:partner:{tag}:1001", traffic.ImportKey);
        Assert.Equal("Yonhap", traffic.WireCredit);
        Assert.DoesNotContain("(Yonhap)", traffic.BodyMarkdown, StringComparison.Ordinal);
        Assert.EndsWith("300 billion won a year.", traffic.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal("https://images.partner.example/2026/11/20/traffic-hero.jpg", traffic.HeroImageUrl);
        Assert.Equal("Morning traffic on the Olympic-daero expressway", traffic.HeroAlt);
        Assert.Equal(source.DefaultSectionId, traffic.SectionId);
        Assert.Equal(source.DefaultAuthorId, traffic.AuthorId);
        Assert.Equal(ArticleStatus.Published, traffic.Status);
        // The partner's time, not the time it arrived here: 06:30 in Seoul.
        Assert.Equal(new DateTime(2026, 11, 19, 21, 30, 0, DateTimeKind.Utc), traffic.PublishedAt);
        // Relative links in the item's HTML are resolved against the item's own address.
        Assert.Contains($"{Server.BaseAddress}news/related/bus-lanes", traffic.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("<strong>announced a plan</strong>", traffic.BodyHtml, StringComparison.Ordinal);
        Assert.NotEmpty(traffic.Excerpt);

        var articles = await factory.ArticlesOfAsync(source.Id);
        var interview = articles.Single(a => a.ImportKey!.EndsWith(":1002", StringComparison.Ordinal));
        Assert.Equal("Herald Interview: Chef brings temple food to the world", interview.Headline);
        Assert.Equal("AP", interview.WireCredit);
        Assert.Equal("https://images.partner.example/2026/11/20/temple.jpg", interview.HeroImageUrl);
        var exports = articles.Single(a => a.Headline == "Exports rise for a third month");
        Assert.Equal("Reuters", exports.WireCredit);
        // No guid: the link is the key.
        Assert.Equal($"feed:{source.Id}:{Server.BaseAddress}news/{tag}/exports-rise", exports.ImportKey);
    }

    [Fact]
    public async Task Scripts_and_handlers_in_item_html_never_reach_the_article_page()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));
        await factory.PollAsync(source.Id);
        var articles = await factory.ArticlesOfAsync(source.Id);

        foreach (var article in articles)
        {
            using var response = await factory.CreateReaderClient().GetAsync($"/articles/{article.Slug}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{article.Slug}: {(int)response.StatusCode}");
            Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
            Assert.DoesNotContain("alert(", html, StringComparison.Ordinal);
            Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
            var page = await Html.ParseAsync(html);
            var body = page.QuerySelector(".article__body");
            Assert.NotNull(body);
            Assert.Empty(body.QuerySelectorAll("script, iframe, [onerror], [onclick]"));
            // The page's own scripts are files; none carries the item's code.
            Assert.All(page.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src") || script.GetAttribute("type") == "application/ld+json"));
            // The canonical link points to the partner's page.
            Assert.Equal(article.OriginalUrl, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        }
        var traffic = articles.Single(a => a.Headline.StartsWith("Seoul unveils", StringComparison.Ordinal));
        // The embed is a link to what it embedded; the relative image is resolved and kept.
        Assert.Contains("https://www.youtube.com/embed/abc123", traffic.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains($"{Server.BaseAddress}photos/traffic.jpg", traffic.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_updated_item_updates_its_article_and_a_new_one_is_added()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/changing.xml", tag));
        var first = await factory.PollAsync(source.Id);
        var before = await factory.ArticlesOfAsync(source.Id);

        Server.SetVersion(tag, 2);
        var second = await factory.PollAsync(source.Id);
        var third = await factory.PollAsync(source.Id);

        Assert.Equal(2, first.Added);
        Assert.Equal((1, 1, 1), (second.Added, second.Updated, second.Unchanged));
        Assert.True(third.NotModified, "the third poll gets a 304 for the unchanged second version");
        var after = await factory.ArticlesOfAsync(source.Id);
        Assert.Equal(3, after.Count);
        var typhoon = after.Single(a => a.ImportKey == $"feed:{source.Id}:typhoon-{tag}");
        Assert.Equal(before.Single(a => a.ImportKey == typhoon.ImportKey).Id, typhoon.Id);
        Assert.Equal("Typhoon makes landfall near Busan", typhoon.Headline);
        Assert.Contains("cutting power to 20,000 homes", typhoon.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("20,000 homes", typhoon.Excerpt, StringComparison.Ordinal);
        Assert.NotNull(typhoon.RevisedAt);
        var markets = after.Single(a => a.ImportKey == $"feed:{source.Id}:markets-{tag}");
        Assert.Equal(before.Single(a => a.Id == markets.Id).Version, markets.Version);
        var revisions = await factory.WithDbAsync(db => db.Revisions.CountAsync(r => r.ArticleId == typhoon.Id));
        Assert.Equal(2, revisions);
        // The search index follows the update, once the background worker has done it.
        await factory.DerivedWorkDoneAsync();
        var found = await factory.CreateReaderClient().GetStringAsync("/search?q=landfall");
        Assert.Contains($"/articles/{typhoon.Slug}", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editors_polish_of_an_unchanged_item_is_kept_at_the_next_poll()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/changing.xml", tag));
        await factory.PollAsync(source.Id);
        var markets = (await factory.ArticlesOfAsync(source.Id)).Single(a => a.ImportKey == $"feed:{source.Id}:markets-{tag}");
        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == markets.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Markets calm before the holiday weekend")));

        Server.SetVersion(tag, 2);
        await factory.PollAsync(source.Id);

        Assert.Equal("Markets calm before the holiday weekend", (await factory.ArticlesOfAsync(source.Id)).Single(a => a.Id == markets.Id).Headline);
    }

    [Fact]
    public async Task A_304_touches_no_article_and_counts_as_success()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));
        await factory.PollAsync(source.Id);
        var before = await factory.ArticlesOfAsync(source.Id);
        var etag = (await factory.SourceAsync(source.Id)).FeedETag;
        factory.Clock.Advance(TimeSpan.FromMinutes(31));

        var again = await factory.PollAsync(source.Id);

        Assert.NotNull(etag);
        Assert.True(again.NotModified);
        var after = await factory.ArticlesOfAsync(source.Id);
        Assert.Equal(before.Select(a => (a.Id, a.Version, a.UpdatedAt)), after.Select(a => (a.Id, a.Version, a.UpdatedAt)));
        var status = await factory.SourceAsync(source.Id);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, status.LastSucceededAt);
        Assert.Equal(0, status.ItemsAddedLastPoll);
        Assert.Equal(3, status.ItemsAddedTotal);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(30), status.NextPollAt);
    }

    [Theory]
    [InlineData("/malformed.xml", "not well-formed XML")]
    [InlineData("/doctype.xml", "not well-formed XML")]
    [InlineData("/huge.xml", "larger than 5 MB")]
    [InlineData("/huge-declared.xml", "larger than 5 MB")]
    [InlineData("/loop-a", "redirected more than 5 times")]
    [InlineData("/to-metadata", "169.254.169.254 is a link-local")]
    [InlineData("/to-file", "Only http:// and https://")]
    [InlineData("/gone", "answered 410")]
    public async Task A_bad_feed_records_an_error_on_the_source_and_ingests_nothing(string path, string error)
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed(path, tag));
        var articlesBefore = await factory.WithDbAsync(db => db.Articles.CountAsync());

        var outcome = await factory.PollAsync(source.Id);

        Assert.False(outcome.Succeeded);
        Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(articlesBefore, await factory.WithDbAsync(db => db.Articles.CountAsync()));
        var status = await factory.SourceAsync(source.Id);
        Assert.Contains(error, status.LastError, StringComparison.Ordinal);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Null(status.LastSucceededAt);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, status.LastPolledAt);
        // Backed off: twice the 30-minute interval after one failure.
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(60), status.NextPollAt);
    }

    [Fact]
    public async Task Failures_in_a_row_back_off_exponentially_and_a_success_resets_them()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/flaky.xml", tag));
        Server.FailNext(tag, 6);

        await factory.PollAsync(source.Id);
        var once = await factory.SourceAsync(source.Id);
        await factory.PollAsync(source.Id);
        var twice = await factory.SourceAsync(source.Id);
        var recovered = await factory.PollAsync(source.Id);
        var status = await factory.SourceAsync(source.Id);

        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((1, now.AddMinutes(60)), (once.ConsecutiveFailures, once.NextPollAt));
        Assert.Equal((2, now.AddMinutes(120)), (twice.ConsecutiveFailures, twice.NextPollAt));
        Assert.Contains("503", twice.LastError, StringComparison.Ordinal);
        Assert.True(recovered.Succeeded, recovered.Error);
        Assert.Equal((0, null, now.AddMinutes(30)), (status.ConsecutiveFailures, status.LastError, status.NextPollAt));
        // Each poll made three attempts (two retries of the 503) before giving up, the third poll needed none.
        Assert.Equal(7, Server.Hits("/flaky.xml", tag));
    }

    [Fact]
    public async Task A_transient_503_is_retried_within_the_same_poll()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/flaky.xml", tag));
        Server.FailNext(tag, 1);

        var outcome = await factory.PollAsync(source.Id);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(3, outcome.Added);
        Assert.Equal(2, Server.Hits("/flaky.xml", tag));
    }

    [Fact]
    public async Task A_permanent_redirect_is_followed_and_items_resolve_against_the_final_address()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/moved", tag));

        var outcome = await factory.PollAsync(source.Id);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(3, outcome.Added);
    }

    [Fact]
    public async Task Atom_entries_resolve_relative_links_and_read_html_and_xhtml_content()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/atom.xml", tag), publish: false);

        var outcome = await factory.PollAsync(source.Id);

        Assert.Equal(2, outcome.Added);
        var articles = await factory.ArticlesOfAsync(source.Id);
        Assert.All(articles, a => Assert.Equal(ArticleStatus.Draft, a.Status));
        var museum = articles.Single(a => a.Headline == "K-pop label opens museum in Seongsu");
        Assert.Equal($"{Server.BaseAddress}culture/{tag}/kpop-museum", museum.OriginalUrl);
        Assert.Contains($"{Server.BaseAddress}places/seongsu", museum.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal($"{Server.BaseAddress}culture/{tag}/images/museum.jpg", museum.HeroImageUrl);
        Assert.Equal("The museum's glass front", museum.HeroAlt);
        var hanbok = articles.Single(a => a.Headline == "Hanbok designers look to the street");
        Assert.Equal($"{Server.BaseAddress}culture/{tag}/hanbok-street", hanbok.OriginalUrl);
        Assert.Contains($"{Server.BaseAddress}culture/{tag}/lookbook", hanbok.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("**hanbok**", hanbok.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rss_1_items_are_ingested_as_drafts_when_the_source_says_so()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(Server.Feed("/rss1.rdf", tag), publish: false);

        var outcome = await factory.PollAsync(source.Id);

        Assert.Equal(2, outcome.Added);
        var articles = await factory.ArticlesOfAsync(source.Id);
        Assert.All(articles, a => Assert.Equal(ArticleStatus.Draft, a.Status));
        var ferry = articles.Single(a => a.Headline == "Jeju ferry service resumes after storm");
        Assert.Equal($"feed:{source.Id}:{Server.BaseAddress}regions/{tag}/jeju-ferry", ferry.ImportKey);
        Assert.Contains("**Mokpo**", ferry.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_already_filed_by_link_from_another_source_is_not_duplicated()
    {
        var tag = FeedTestData.Tag();
        var first = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));
        var second = await factory.AddSourceAsync(Server.Feed("/rss2.xml", tag));
        await factory.PollAsync(first.Id);

        var outcome = await factory.PollAsync(second.Id);

        Assert.Equal((0, 3), (outcome.Added, outcome.Unchanged));
        Assert.Empty(await factory.ArticlesOfAsync(second.Id));
    }
}
