using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Caching;

/// <summary>Anonymous reader pages come from the output cache; an article change evicts exactly the pages that show it.</summary>
public class OutputCacheTests(CachedPortalFactory factory) : IClassFixture<CachedPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    /// <summary>The output cache marks what it serves with an Age header; a fresh render has none.</summary>
    private async Task<(bool Cached, string Html)> GetAsync(string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        using var response = await _client.SendAsync(request);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }

    private async Task<Article> NewArticleAsync(Action<Article>? change = null, string? tagSlug = null, string? headline = null)
    {
        return await factory.WithDbAsync(async db =>
        {
            var article = await ArticleBuilder.Article().WithHeadline(headline ?? "Story " + Guid.NewGuid().ToString("N")[..8]).SaveAsync(db, factory.Clock);
            change?.Invoke(article);
            if (tagSlug is not null)
            {
                var tag = await db.Tags.SingleAsync(t => t.Slug == tagSlug);
                db.ArticleTags.Add(new ArticleTag { ArticleId = article.Id, TagId = tag.Id });
            }
            await db.SaveChangesAsync();
            return article;
        });
    }

    [Fact]
    public async Task An_article_page_is_served_from_the_cache_until_the_article_changes()
    {
        var article = await NewArticleAsync(headline: "Original cached headline");
        var url = $"/articles/{article.Slug}";

        var first = await GetAsync(url);
        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Edited headline")));
        var second = await GetAsync(url);
        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        var third = await GetAsync(url);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Contains("Original cached headline", second.Html);
        Assert.False(third.Cached);
        Assert.Contains("Edited headline", third.Html);
    }

    [Fact]
    public async Task Publishing_evicts_home_its_section_tag_and_author_pages_and_nothing_unrelated()
    {
        var article = await NewArticleAsync(tagSlug: "north-korea", headline: "Fresh story for eviction " + Guid.NewGuid().ToString("N")[..6]);
        var (section, otherSection, author) = await factory.WithDbAsync(async db =>
        {
            var placed = await db.Articles.Where(a => a.Id == article.Id).Select(a => new { a.Section!.Slug, Author = a.Author!.Slug }).SingleAsync();
            var other = await db.Sections.Where(s => s.Slug != placed.Slug).Select(s => s.Slug).FirstAsync();
            return (placed.Slug, other, placed.Author);
        });
        // Hidden while the pages are visited; then published, as the admin area does.
        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Draft)));
        var unrelatedArticle = "/articles/pressure-mounts-for-inter-korean-detente";
        string[] affected = ["/", $"/sections/{section}", "/tags/north-korea", $"/authors/{author}"];
        string[] unaffected = [$"/sections/{otherSection}", unrelatedArticle, "/tags/k-pop"];
        foreach (var url in affected.Concat(unaffected))
        {
            await GetAsync(url);
            Assert.True((await GetAsync(url)).Cached, $"{url} should be cached after a visit");
        }

        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published)));
        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Published, article.Slug);

        foreach (var url in affected)
        {
            var page = await GetAsync(url);
            Assert.False(page.Cached, $"{url} should have been evicted");
            Assert.Contains(article.Headline, page.Html);
        }
        foreach (var url in unaffected)
        {
            Assert.True((await GetAsync(url)).Cached, $"{url} should have stayed cached");
        }
    }

    [Fact]
    public async Task A_renamed_article_evicts_its_old_address_and_every_page_showing_it_as_related()
    {
        var shown = await NewArticleAsync(headline: "Related story before rename");
        var host = await NewArticleAsync();
        await factory.WithDbAsync(async db =>
        {
            db.RelatedLinks.Add(new RelatedLink { ArticleId = host.Id, RelatedArticleId = shown.Id, Position = 0 });
            await db.SaveChangesAsync();
        });
        var hostUrl = $"/articles/{host.Slug}";
        await GetAsync(hostUrl);
        await GetAsync($"/articles/{shown.Slug}");
        Assert.True((await GetAsync(hostUrl)).Cached);

        var newSlug = shown.Slug + "-renamed";
        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == shown.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Slug, newSlug).SetProperty(a => a.Headline, "Related story after rename")));
        await factory.PublishChangeAsync(shown.Id, ArticleChangeKind.Edited, shown.Slug, newSlug);

        var hostPage = await GetAsync(hostUrl);
        Assert.False(hostPage.Cached);
        Assert.Contains("Related story after rename", hostPage.Html);
        Assert.Contains($"/articles/{newSlug}", hostPage.Html);
        using var old = await _client.GetAsync($"/articles/{shown.Slug}");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Theory]
    [InlineData(AuthCookie.Name)]
    [InlineData(AuthCookie.Name + "C1")]
    public async Task A_request_with_the_sign_in_cookie_is_never_served_from_nor_stored_in_the_cache(string cookie)
    {
        var article = await NewArticleAsync();
        var url = $"/articles/{article.Slug}";
        void SignedIn(HttpRequestMessage request) => request.Headers.Add("Cookie", $"{cookie}=CfDJ8-editor-session");

        Assert.False((await GetAsync(url, SignedIn)).Cached);
        Assert.False((await GetAsync(url, SignedIn)).Cached);
        Assert.False((await GetAsync(url)).Cached); // the signed-in renders were not stored either
        Assert.True((await GetAsync(url)).Cached);
        Assert.False((await GetAsync(url, SignedIn)).Cached); // and a cached copy is not handed to an editor
    }

    [Fact]
    public async Task A_signed_in_editor_never_gets_a_cached_reader_page_nor_leaves_one_for_readers()
    {
        var article = await NewArticleAsync();
        var url = $"/articles/{article.Slug}";
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        async Task<bool> EditorGetsCachedAsync()
        {
            using var response = await editor.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.Age is not null;
        }

        await GetAsync(url);
        Assert.True((await GetAsync(url)).Cached);
        Assert.False(await EditorGetsCachedAsync()); // a cached copy is not handed to an editor

        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        Assert.False(await EditorGetsCachedAsync());
        Assert.False(await EditorGetsCachedAsync());
        Assert.False((await GetAsync(url)).Cached); // the editor's renders were not stored for readers
    }

    [Fact]
    public async Task A_request_with_an_authorization_header_is_never_cached()
    {
        var article = await NewArticleAsync();
        var url = $"/articles/{article.Slug}";
        void Authorized(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token");

        await GetAsync(url);
        Assert.False((await GetAsync(url, Authorized)).Cached);
        Assert.True((await GetAsync(url)).Cached);
    }

    [Theory]
    [InlineData("/articles/no-such-article-anywhere")]
    [InlineData("/?page=abc")]
    [InlineData("/sections/no-such-section")]
    public async Task Error_responses_are_never_cached(string url)
    {
        await GetAsync(url);
        using var second = await _client.GetAsync(url);

        Assert.False(second.IsSuccessStatusCode);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task Admin_and_health_addresses_are_never_cached()
    {
        // The cache is on in this host, so the absences below are not vacuous.
        var reader = await NewArticleAsync();
        await GetAsync($"/articles/{reader.Slug}");
        Assert.True((await GetAsync($"/articles/{reader.Slug}")).Cached);

        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        foreach (var url in new[] { "/admin", "/admin/articles", "/admin/sections" })
        {
            await AssertRenderedTwiceAsync(editor.Client, url, HttpStatusCode.OK);
        }
        // The search box echoes the query, so the page is checked for the whole headline, which is longer.
        var marker = "Uncached admin list " + Guid.NewGuid().ToString("N")[..8];
        var headline = marker + " story";
        var search = $"/admin/articles?q={Uri.EscapeDataString(marker)}";
        Assert.DoesNotContain(headline, await editor.Client.GetStringAsync(search), StringComparison.Ordinal);
        // Saved straight to the database with no eviction: only a fresh render can show it.
        await NewArticleAsync(headline: headline);
        Assert.Contains(headline, await editor.Client.GetStringAsync(search), StringComparison.Ordinal);

        foreach (var url in new[] { "/admin", "/admin/articles" })
        {
            var signedOut = await AssertRenderedTwiceAsync(_client, url, HttpStatusCode.Redirect);
            Assert.Contains("/account/login?ReturnUrl=", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        foreach (var url in new[] { "/healthz", "/healthz/ready" })
        {
            await AssertRenderedTwiceAsync(_client, url, HttpStatusCode.OK);
        }
    }

    /// <summary>Requests <paramref name="url"/> twice and checks the second answer was not served from the cache.</summary>
    private static async Task<HttpResponseMessage> AssertRenderedTwiceAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        using (var first = await client.GetAsync(url))
        {
            Assert.True(first.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)first.StatusCode}");
        }
        var second = await client.GetAsync(url);
        Assert.True(second.StatusCode == expected, $"second GET {url}: expected {(int)expected}, got {(int)second.StatusCode}");
        Assert.True(second.Headers.Age is null, $"second GET {url} was served from the output cache (Age {second.Headers.Age})");
        return second;
    }

    [Fact]
    public async Task An_unchanged_article_page_answers_304_to_its_etag()
    {
        var article = await NewArticleAsync();
        var url = $"/articles/{article.Slug}";
        using var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Changed for etag")));
        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var changed = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }
}
