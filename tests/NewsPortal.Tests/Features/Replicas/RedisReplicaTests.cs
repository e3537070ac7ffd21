using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Tests.Features.Replicas;

/// <summary>Two replicas sharing one database and one real Redis: what one does to the cache, the keys and the limits, the other sees.</summary>
public sealed class RedisReplicaTests : IDisposable
{
    private readonly RedisServer _redis = new();
    private readonly ReplicaPair _replicas;

    public RedisReplicaTests()
    {
        _replicas = new ReplicaPair(_redis, settings: new Dictionary<string, string?>
        {
            // The real per-address limit: every TestServer client has the same (empty) address, on both replicas.
            ["SignIn:PermitLimit"] = "10",
        });
    }

    public void Dispose()
    {
        _replicas.Dispose();
        _redis.Dispose();
    }

    private static async Task<(bool Cached, HttpStatusCode Status, string Html)> GetAsync(ReplicaHost host, string url)
    {
        using var client = host.CreateReaderClient();
        using var response = await client.GetAsync(url);
        return (response.Headers.Age is not null, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<Article> NewArticleAsync(string headline) =>
        await _replicas.A.WithDbAsync(db => ArticleBuilder.Article().WithHeadline(headline).SaveAsync(db, _replicas.A.Clock));

    [Fact]
    public async Task A_page_cached_by_one_replica_is_served_by_the_other_and_an_eviction_on_either_reaches_both()
    {
        var article = await NewArticleAsync("Shared cache original");
        var url = $"/articles/{article.Slug}";

        var renderedOnA = await GetAsync(_replicas.A, url);
        var fromCacheOnB = await GetAsync(_replicas.B, url);
        await _replicas.A.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Shared cache edited")));
        var staleOnA = await GetAsync(_replicas.A, url);
        // The edit is reported on B (its editor saved it); A's next reader must see it.
        await _replicas.B.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        var afterEvictionOnA = await GetAsync(_replicas.A, url);

        Assert.False(renderedOnA.Cached);
        Assert.True(fromCacheOnB.Cached, "B did not find the page A cached: the store is not shared");
        Assert.Contains("Shared cache original", fromCacheOnB.Html);
        Assert.True(staleOnA.Cached);
        Assert.False(afterEvictionOnA.Cached, "B's eviction did not reach A");
        Assert.Contains("Shared cache edited", afterEvictionOnA.Html);
    }

    [Fact]
    public async Task A_sign_in_form_from_one_replica_posts_to_the_other_and_its_cookie_works_on_the_first()
    {
        var user = await _replicas.A.CreateUserAsync(Roles.Editor);

        // The form and its antiforgery cookie from B; the post to A; the sign-in cookie A issues, shown to B.
        var login = await RawGetAsync(_replicas.B, "/account/login", cookies: null);
        var page = await Html.ParseAsync(login.Html);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action='/account/login']")!;
        var fields = AdminSession.ReadFields(form);
        fields.RemoveAll(f => f.Key is "Email" or "Password");
        fields.Add(new("Email", user.Email));
        fields.Add(new("Password", user.Password));
        using var client = _replicas.A.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", login.Cookies);
        using var signedIn = await client.SendAsync(post);
        var authCookie = CookiesOf(signedIn).Split("; ").SingleOrDefault(c => c.StartsWith(AuthCookie.Name + "=", StringComparison.Ordinal));
        var onB = await RawGetAsync(_replicas.B, "/admin", authCookie);
        // Both replicas read and write the one key ring in Redis (not a per-machine default directory that happens to be shared here).
        var repositories = new[] { _replicas.A, _replicas.B }
            .Select(host => ReplicaPair.ServiceOf<IOptions<KeyManagementOptions>>(host).Value.XmlRepository).ToList();
        var keysInRedis = await ReplicaPair.ServiceOf<RedisConnection>(_replicas.A).Database.ListLengthAsync("newsportal:data-protection-keys");

        Assert.All(repositories, repository => Assert.IsType<RedisXmlRepository>(repository));
        Assert.True(keysInRedis >= 1, "no data-protection key in Redis");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.NotNull(authCookie);
        Assert.Equal(HttpStatusCode.OK, onB.Status);
    }

    [Fact]
    public async Task Sign_in_attempts_split_over_two_replicas_meet_one_limit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var session = (i % 2 == 0 ? _replicas.A : _replicas.B).Anonymous();
            var response = await session.SubmitAsync("/account/login", "form[action='/account/login']",
                new() { ["Email"] = $"nobody-{i}-{Guid.NewGuid():N}@example.test", ["Password"] = "Wrong-password-1" });
            statuses.Add(response.StatusCode);
        }

        // Six attempts on A and five on B: each alone is under ten, together the eleventh is over.
        Assert.All(statuses.Take(10), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task Without_Redis_a_replica_serves_pages_from_the_database_reports_Degraded_warns_once_and_recovers()
    {
        var article = await NewArticleAsync("Outage story");
        var url = $"/articles/{article.Slug}";
        await GetAsync(_replicas.A, url);
        Assert.True((await GetAsync(_replicas.A, url)).Cached);

        _redis.Kill();
        var during = new List<(bool Cached, HttpStatusCode Status, string Html)>();
        for (var i = 0; i < 5; i++)
        {
            during.Add(await GetAsync(_replicas.A, url));
            during.Add(await GetAsync(_replicas.A, "/"));
        }
        // The limits fall back to counting in process: a sign-in attempt is answered, not failed.
        var signIn = await _replicas.A.Anonymous().SubmitAsync("/account/login", "form[action='/account/login']",
            new() { ["Email"] = "nobody@example.test", ["Password"] = "Wrong-password-1" });
        var ready = await GetAsync(_replicas.A, "/healthz/ready");
        var warnings = OutageWarnings(_replicas.A);

        Assert.All(during, page => Assert.Equal(HttpStatusCode.OK, page.Status));
        Assert.All(during, page => Assert.False(page.Cached, "a page came from a cache while Redis was down"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.StartsWith("Degraded", ready.Html);
        Assert.Contains("redis: Degraded - ", ready.Html);
        Assert.Single(warnings);

        _redis.StartAgain();
        var recovered = await WaitForAsync(async () =>
        {
            await GetAsync(_replicas.A, url);
            return (await GetAsync(_replicas.A, url)).Cached && (await GetAsync(_replicas.A, "/healthz/ready")).Html == "Healthy";
        });
        Assert.True(recovered, "A did not go back to the shared cache after Redis came back");
        Assert.Single(OutageWarnings(_replicas.A));
        Assert.Contains(_replicas.A.Logs.All, e => e.MessageTemplate.Text.StartsWith("Redis is reachable again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_eviction_a_replica_could_not_make_while_Redis_was_down_is_made_before_it_reads_the_cache_again()
    {
        var article = await NewArticleAsync("Outage edit");
        var storeA = (SharedPageCacheStore)ReplicaPair.ServiceOf<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>(_replicas.A);
        var storeB = (SharedPageCacheStore)ReplicaPair.ServiceOf<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>(_replicas.B);
        var tag = NewsPortal.Web.Features.Caching.PageCacheTags.Article(article.Slug);

        _redis.Kill();
        // A's editor saves during the outage: the evictions cannot reach Redis and are owed.
        await _replicas.A.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);
        var owed = storeA.PendingEvictions;
        _redis.StartAgain();
        Assert.True(await WaitForAsync(() => Task.FromResult(
            ReplicaPair.ServiceOf<RedisConnection>(_replicas.A).Multiplexer.IsConnected && ReplicaPair.ServiceOf<RedisConnection>(_replicas.B).Multiplexer.IsConnected)));
        // B, which never saw the change, caches a page showing the article (as it would have kept one through a partition).
        await storeB.SetAsync("page-of-" + article.Slug, [1, 2, 3], [tag], TimeSpan.FromMinutes(1), CancellationToken.None);
        var onB = await storeB.GetAsync("page-of-" + article.Slug, CancellationToken.None);
        var onA = await storeA.GetAsync("page-of-" + article.Slug, CancellationToken.None);

        Assert.True(owed > 0, "A did not remember the evictions it could not make");
        Assert.NotNull(onB);
        Assert.Null(onA);
        Assert.Equal(0, storeA.PendingEvictions);
    }

    [Fact]
    public async Task A_change_saved_on_one_replica_makes_the_other_forget_its_remembered_listing_counts()
    {
        var countsOnA = ReplicaPair.ServiceOf<ListingCounts>(_replicas.A);
        countsOnA.Remember("home", ListingCounts.RememberFrom + 1);
        var article = await NewArticleAsync("Count changer");

        await _replicas.B.PublishChangeAsync(article.Id, ArticleChangeKind.Published, article.Slug);

        Assert.True(await WaitForAsync(() => Task.FromResult(!countsOnA.TryGet("home", out _))), "A still remembers the old count");
    }

    private static List<Serilog.Events.LogEvent> OutageWarnings(ReplicaHost host) =>
        host.Logs.Warnings.Where(e => e.MessageTemplate.Text.StartsWith("Redis is unreachable", StringComparison.Ordinal)).ToList();

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }

    private static async Task<(HttpStatusCode Status, string Html, string Cookies)> RawGetAsync(ReplicaHost host, string url, string? cookies)
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), CookiesOf(response));
    }

    /// <summary>The name=value pairs of a response's Set-Cookie headers, as a Cookie header.</summary>
    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0])
            : []);
}
