using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Feeds;

public class FeedTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string DemoColumnPath = "/articles/pressure-mounts-for-inter-korean-detente";
    private readonly HttpClient _client = factory.CreateReaderClient();

    private async Task<SyndicationFeed> LoadAsync(string url, string mediaType)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);
        return SyndicationFeed.Load(reader);
    }

    [Theory]
    [InlineData("/rss.xml", "application/rss+xml")]
    [InlineData("/atom.xml", "application/atom+xml")]
    public async Task Site_feeds_parse_and_carry_the_demo_column_with_author_categories_and_times(string url, string mediaType)
    {
        var feed = await LoadAsync(url, mediaType);

        Assert.InRange(feed.Items.Count(), 1, 50);
        var column = Assert.Single(feed.Items, i => i.Links.Any(l => l.Uri.AbsolutePath == DemoColumnPath));
        Assert.Equal("[Lee Kyong-hee] Pressure mounts for inter-Korean detente", column.Title.Text);
        Assert.Equal("Lee Kyong-hee", Assert.Single(column.Authors).Name);
        Assert.Contains(column.Categories, c => c.Name == "Opinion");
        Assert.Contains(column.Categories, c => c.Name == "한반도");
        Assert.False(string.IsNullOrWhiteSpace(column.Summary.Text));
        Assert.NotEqual(default, column.LastUpdatedTime);
        Assert.All(feed.Items, item => Assert.True(item.Links[0].Uri.IsAbsoluteUri));
        Assert.All(feed.Items, item => Assert.StartsWith("http", item.Id, StringComparison.Ordinal));
        var times = feed.Items.Select(i => i.PublishDate).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task The_site_feed_holds_the_newest_fifty()
    {
        for (var i = 0; i < 3; i++)
        {
            await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().WithHeadline($"Feed filler {i}"), ArticleChangeKind.Published);
        }

        var feed = await LoadAsync("/rss.xml", "application/rss+xml");

        Assert.Equal(50, feed.Items.Count());
        Assert.Contains(feed.Items, i => i.Title.Text == "Feed filler 2");
    }

    [Theory]
    [InlineData("/authors/lee-kyong-hee/rss.xml")]
    [InlineData("/sections/opinion/rss.xml")]
    [InlineData("/tags/hanbando/rss.xml")]
    public async Task Section_tag_and_author_feeds_carry_their_articles(string url)
    {
        var feed = await LoadAsync(url, "application/rss+xml");

        Assert.Contains(feed.Items, i => i.Links.Any(l => l.Uri.AbsolutePath == DemoColumnPath));
        Assert.Contains(feed.Links, l => l.Uri.IsAbsoluteUri);
    }

    [Fact]
    public async Task A_feed_holds_only_its_own_articles()
    {
        var feed = await LoadAsync("/sections/sports/rss.xml", "application/rss+xml");

        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, i => Assert.Contains(i.Categories, c => c.Name == "Sports"));
    }

    [Theory]
    [InlineData("/sections/no-such-section/rss.xml")]
    [InlineData("/tags/no-such-tag/rss.xml")]
    [InlineData("/authors/no-such-author/rss.xml")]
    public async Task An_unknown_feed_is_not_found(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_conditional_get_is_answered_with_304_until_the_feed_changes()
    {
        using var first = await _client.GetAsync("/tags/missiles/rss.xml");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byEtag = new HttpRequestMessage(HttpMethod.Get, "/tags/missiles/rss.xml");
        byEtag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(byEtag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/tags/missiles/rss.xml");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(byDate)).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/tags/missiles/rss.xml");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(stale)).StatusCode);

        // A newly published missile story changes the feed: the old validator no longer matches.
        await factory.SaveAndPublishChangeAsync(ArticleBuilder.Article().WithHeadline("New missile launch reported"), ArticleChangeKind.Published,
            (db, article) => db.ArticleTags.Add(new NewsPortal.Web.Domain.ArticleTag { ArticleId = article.Id, TagId = db.Tags.Single(t => t.Slug == "missiles").Id }));
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/tags/missiles/rss.xml");
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await _client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }
}
