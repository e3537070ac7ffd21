using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.Features.Comments;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Features.Caching;

/// <summary>
/// A popular page just evicted: the readers who ask for it at that moment wait for one render and share it (ASP.NET
/// Core's output cache locks per key, <c>AllowLocking</c> in <c>ReaderPagePolicy</c>), with the in-memory store and
/// with the Redis store replicas use. And a comment approval evicts the article page alone.
/// </summary>
public class ThunderingHerdTests(HerdPortalFactory factory) : IClassFixture<HerdPortalFactory>
{
    public const int Readers = 32;

    [Fact]
    public async Task Thirty_two_readers_right_after_an_eviction_get_one_render_between_them()
    {
        await HerdAsserts.OneRenderAfterEvictionAsync(factory);
    }

    [Fact]
    public async Task Approving_a_comment_evicts_the_article_page_but_not_home_nor_the_listings_showing_its_card()
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithHeadline("Story with comments " + Guid.NewGuid().ToString("N")[..8]).SaveAsync(db, factory.Clock));
        var section = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Section!.Slug).SingleAsync());
        var articleUrl = $"/articles/{article.Slug}";
        string[] listings = ["/", $"/sections/{section}"];
        var client = factory.CreateReaderClient();
        foreach (var url in listings.Append(articleUrl))
        {
            var html = await client.GetStringAsync(url);
            Assert.Contains(article.Headline, html, StringComparison.Ordinal);
            Assert.True((await GetAsync(client, url)).Cached, $"{url} should be cached before the approval");
        }

        var posted = await factory.PostCommentAsync(factory.Anonymous(), article.Slug, CommentReader.Fields("Approve me, please."));
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        await editor.ModerateAsync(CommentReader.CommentId(posted), "approve");

        var fresh = await GetAsync(client, articleUrl);
        Assert.False(fresh.Cached, "the approval must evict the article page");
        Assert.Contains("Approve me, please.", fresh.Html, StringComparison.Ordinal);
        foreach (var url in listings)
        {
            Assert.True((await GetAsync(client, url)).Cached, $"{url} shows no comments and must stay cached");
        }
    }

    private static async Task<(bool Cached, string Html)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The same herd with the pages in Redis: a Redis of its own for the test and the host.</summary>
public sealed class RedisThunderingHerdTests : IDisposable
{
    private readonly RedisServer _redis = new();
    private readonly RedisHerdPortalFactory _factory;

    public RedisThunderingHerdTests()
    {
        _factory = new RedisHerdPortalFactory(_redis);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _redis.Dispose();
    }

    [Fact]
    public async Task Thirty_two_readers_right_after_an_eviction_get_one_render_between_them_with_the_pages_in_redis()
    {
        await HerdAsserts.OneRenderAfterEvictionAsync(_factory);
    }
}

internal static class HerdAsserts
{
    /// <summary>
    /// Caches an article, evicts it as an editor's change does, then sends <see cref="ThunderingHerdTests.Readers"/>
    /// requests at once. The first render is held until every reader has missed the cache, so all of them are
    /// waiting while it runs: that is the moment the lock is for. One render, one response rendered (no Age),
    /// the others served from it, all the same page, and the next reader gets it from the cache.
    /// </summary>
    public static async Task OneRenderAfterEvictionAsync(HerdPortalFactory factory)
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithHeadline("Viral story " + Guid.NewGuid().ToString("N")[..8]).SaveAsync(db, factory.Clock));
        var url = $"/articles/{article.Slug}";
        var client = factory.CreateReaderClient();
        await client.GetStringAsync(url);
        using (var cached = await client.GetAsync(url))
        {
            Assert.NotNull(cached.Headers.Age);
        }

        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        // The background worker evicts the page again once the edit's related picks are recomputed: let it, so the
        // herd below follows the last eviction and the reader after it finds the render cached.
        await factory.DerivedWorkDoneAsync();
        var missesBefore = factory.CacheMisses(url);
        factory.Renders.Watch(url, beforeFirst: async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (factory.CacheMisses(url) - missesBefore < ThunderingHerdTests.Readers && !timeout.IsCancellationRequested)
            {
                await Task.Delay(10);
            }
            // A reader that has missed is one synchronous step from joining the render; give the last one that step.
            await Task.Delay(100);
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, ThunderingHerdTests.Readers).Select(async _ =>
        {
            using var response = await client.GetAsync(url);
            return (response.StatusCode, Rendered: response.Headers.Age is null, Html: await response.Content.ReadAsStringAsync());
        }));
        var renders = factory.Renders.Count;
        var misses = factory.CacheMisses(url) - missesBefore;
        using var after = await client.GetAsync(url);

        Assert.Equal(ThunderingHerdTests.Readers, misses);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, renders);
        Assert.Single(responses, r => r.Rendered);
        Assert.Single(responses.Select(r => r.Html).Distinct());
        Assert.Contains(article.Headline, responses[0].Html, StringComparison.Ordinal);
        Assert.NotNull(after.Headers.Age);
        Assert.Equal(1, factory.Renders.Count);
    }
}
