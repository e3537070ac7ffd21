using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Features.Media;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>
/// Issue 12's route sweep: every endpoint of the app × {anonymous, Author A, Author B, Editor, Admin} × the article it
/// is about {A's draft, scheduled, published and unpublished articles, someone else's draft} answers the status in
/// <see cref="Table"/>. An endpoint the table does not name fails the sweep, so a new endpoint must join it. Every POST
/// refuses a request without an antiforgery token, and no GET, as anyone, changes a row of the database.
/// </summary>
public sealed class RouteSweepTests(RouteSweepHost host) : IClassFixture<RouteSweepHost>
{
    public enum State
    {
        /// <summary>The endpoint is not about one article.</summary>
        None,
        Draft,
        Scheduled,
        Published,
        Unpublished,

        /// <summary>A draft by an author who is neither A nor B.</summary>
        Others,
    }

    // Expected statuses, in the order: anonymous, Author A, Author B, Editor, Admin. Author A owns every article but
    // "Others"; Author B owns none. 302 for anonymous on /admin is the redirect to sign in.
    private const string Everyone200 = "200 200 200 200 200";
    private const string Everyone404 = "404 404 404 404 404";
    private const string Staff200 = "302 200 200 200 200";
    private const string Staff302 = "302 302 302 302 302";
    private const string Publishers200 = "302 403 403 200 200";
    private const string Publishers302 = "302 403 403 302 302";
    private const string Owner200 = "302 200 403 200 200";
    private const string Owner302 = "302 302 403 302 302";
    private const string Admins200 = "302 403 403 403 200";
    private const string Admins302 = "302 403 403 403 302";

    /// <summary>METHOD route-template → expected statuses, per article state where the route names an article.</summary>
    public static TheoryData<string, string, State, string> Table()
    {
        var rows = new TheoryData<string, string, State, string>
        {
            // Reader pages, feeds and sitemaps: the same for everyone.
            { "GET", "", State.None, Everyone200 },
            { "GET", "columns", State.None, Everyone200 },
            { "GET", "search", State.None, Everyone200 },
            { "GET", "sections/{slug}", State.None, Everyone200 },
            { "GET", "tags/{slug}", State.None, Everyone200 },
            { "GET", "authors/{slug}", State.None, Everyone200 },
            { "GET", "rss.xml", State.None, Everyone200 },
            { "GET", "atom.xml", State.None, Everyone200 },
            { "GET", "sections/{slug}/rss.xml", State.None, Everyone200 },
            { "GET", "tags/{slug}/rss.xml", State.None, Everyone200 },
            { "GET", "authors/{slug}/rss.xml", State.None, Everyone200 },
            { "GET", "sitemap.xml", State.None, Everyone200 },
            { "GET", "sitemaps/pages.xml", State.None, Everyone200 },
            { "GET", "sitemaps/articles-{page}.xml", State.None, Everyone200 },
            { "GET", "sitemap-news.xml", State.None, Everyone200 },
            { "GET", "robots.txt", State.None, Everyone200 },
            { "ANY", "healthz", State.None, Everyone200 },
            { "ANY", "healthz/ready", State.None, Everyone200 },
            // The error page answers any method; visited directly it is a plain 404.
            { "ANY", "error/{code:int}", State.None, Everyone404 },
            { "GET", "account/login", State.None, Everyone200 },
            { "POST", "account/login", State.None, Everyone200 },
            { "GET", "account/logout", State.None, Everyone200 },
            { "POST", "account/logout", State.None, Staff302 },
            { "GET", "account/password", State.None, Staff200 },
            // The sweep's form is empty, so a signed-in post gets the form back with its messages.
            { "POST", "account/password", State.None, "302 400 400 400 400" },
            { "GET", "media/{id:int}/{file}", State.None, Everyone200 },

            // Media: the sweep's image was uploaded by the admin, so authors may look but not change it.
            { "GET", "admin/media", State.None, Staff200 },
            { "GET", "admin/media/picker", State.None, Staff200 },
            // No file in the sweep's form: the library page comes back with a message.
            { "POST", "admin/media/upload", State.None, "302 400 400 400 400" },
            { "GET", "admin/media/{id:int}", State.None, Staff200 },
            // Alt text, caption and credit of any library image may be improved by any staff member.
            { "POST", "admin/media/{id:int}", State.None, Staff302 },
            { "POST", "admin/media/{id:int}/replace", State.None, "302 403 403 400 400" },
            { "GET", "admin/media/{id:int}/delete", State.None, Publishers200 },
            { "POST", "admin/media/{id:int}/delete", State.None, Publishers302 },

            // Comment moderation is for editors and admins.
            { "GET", "admin/comments", State.None, Publishers200 },
            // Nothing ticked in the sweep's form: the list comes back with a message.
            { "POST", "admin/comments/bulk", State.None, "302 403 403 400 400" },
            { "POST", "admin/comments/{id:int}/{operation}", State.None, Publishers302 },

            // The newsroom, not about one article.
            { "GET", "admin", State.None, Staff200 },
            { "GET", "admin/articles", State.None, Staff200 },
            { "GET", "admin/articles/new", State.None, Staff200 },
            { "POST", "admin/articles/new", State.None, Staff302 },
            { "POST", "admin/articles/preview", State.None, Staff200 },
            { "GET", "admin/audit", State.None, Admins200 },
            { "GET", "admin/users", State.None, Admins200 },
            { "GET", "admin/users/new", State.None, Admins200 },
            { "POST", "admin/users/new", State.None, Admins302 },
            { "POST", "admin/users/{userId}/role", State.None, Admins302 },
            { "POST", "admin/users/{userId}/lock", State.None, Admins302 },
            { "POST", "admin/users/{userId}/unlock", State.None, Admins302 },
            { "POST", "admin/users/{userId}/reset-password", State.None, Admins302 },
            { "POST", "admin/tags/{id:int}/delete", State.None, Publishers302 },
            // Poll now: the sweep's source has no feed, so the poll is refused with a message and the edit page again.
            { "POST", "admin/sources/{id:int}/poll", State.None, Publishers302 },
        };
        foreach (var catalog in new[] { "authors", "sections", "tags", "sources" })
        {
            rows.Add("GET", $"admin/{catalog}", State.None, Publishers200);
            rows.Add("GET", $"admin/{catalog}/new", State.None, Publishers200);
            rows.Add("POST", $"admin/{catalog}/new", State.None, Publishers302);
            rows.Add("GET", $"admin/{catalog}/{{id:int}}/edit", State.None, Publishers200);
            rows.Add("POST", $"admin/{catalog}/{{id:int}}/edit", State.None, Publishers302);
        }

        // About one article:            draft        scheduled      published      unpublished    someone else's
        Article(rows, "GET", "articles/{slug}", Everyone404, Everyone404, Everyone200, Everyone404, Everyone404);
        Article(rows, "GET", "preview/{token}", Everyone200, Everyone200, Everyone200, Everyone200, Everyone200);
        Article(rows, "GET", "admin/articles/{id:int}/edit", Owner200, Publishers200, Publishers200, Owner200, Publishers200);
        Article(rows, "POST", "admin/articles/{id:int}/edit", Owner302, Publishers302, Publishers302, Owner302, Publishers302);
        Article(rows, "GET", "admin/articles/{id:int}/preview", Owner200, Owner200, Owner200, Owner200, Publishers200);
        Article(rows, "GET", "admin/articles/{id:int}/revisions", Owner200, Owner200, Owner200, Owner200, Publishers200);
        Article(rows, "POST", "admin/articles/{id:int}/revisions/{revisionId:int}/restore", Owner302, Publishers302, Publishers302, Owner302, Publishers302);
        Article(rows, "POST", "admin/articles/{id:int}/submit", Owner302, Publishers302, Publishers302, Owner302, Publishers302);
        Article(rows, "POST", "admin/articles/{id:int}/preview-links", Owner302, Owner302, Owner302, Owner302, Publishers302);
        Article(rows, "POST", "admin/articles/{id:int}/preview-links/{linkId:int}/revoke", Owner302, Owner302, Owner302, Owner302, Publishers302);
        foreach (var action in new[] { "publish", "schedule", "unschedule", "unpublish" })
        {
            Article(rows, "POST", $"admin/articles/{{id:int}}/{action}", Publishers302, Publishers302, Publishers302, Publishers302, Publishers302);
        }
        Article(rows, "GET", "articles/{slug}/comments", Everyone404, Everyone404, Everyone200, Everyone404, Everyone404);
        Article(rows, "GET", "articles/{slug}/comments/all", Everyone404, Everyone404, Everyone200, Everyone404, Everyone404);
        // The sweep's comment form has no signed start time, so a visible article gives the form back with a message.
        Article(rows, "POST", "articles/{slug}/comments", Everyone404, Everyone404, "400 400 400 400 400", Everyone404, Everyone404);
        Article(rows, "POST", "admin/comments/articles/{articleId:int}/{state:regex(^(open|close)$)}", Publishers302, Publishers302, Publishers302, Publishers302, Publishers302);
        Article(rows, "GET", "admin/articles/{id:int}/related", Publishers200, Publishers200, Publishers200, Publishers200, Publishers200);
        foreach (var action in new[] { "add", "remove", "up", "down", "exclude", "include" })
        {
            Article(rows, "POST", $"admin/articles/{{id:int}}/related/{action}", Publishers302, Publishers302, Publishers302, Publishers302, Publishers302);
        }
        return rows;
    }

    private static void Article(TheoryData<string, string, State, string> rows, string method, string route,
        string draft, string scheduled, string published, string unpublished, string others)
    {
        rows.Add(method, route, State.Draft, draft);
        rows.Add(method, route, State.Scheduled, scheduled);
        rows.Add(method, route, State.Published, published);
        rows.Add(method, route, State.Unpublished, unpublished);
        rows.Add(method, route, State.Others, others);
    }

    private static HashSet<string> TableKeys() =>
        [.. Table().Select(row => $"{row[0]} {row[1]}")];

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_table()
    {
        var endpoints = RouteSweepHost.Endpoints(host);
        var missing = endpoints.Where(e => !TableKeys().Contains(e)).ToList();
        var stale = TableKeys().Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "endpoints the sweep does not cover (add them to Table):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "table rows for endpoints that no longer exist:\n" + string.Join("\n", stale));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_role_gets_the_expected_status(string method, string route, State state, string expected)
    {
        var wanted = expected.Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var failures = new List<string>();
        foreach (var who in Enum.GetValues<RouteSweepHost.Who>())
        {
            var session = route == "account/logout" && method == "POST" ? await host.FreshSessionAsync(who) : await host.SessionAsync(who);
            var target = await host.PrepareAsync(route, state);
            using var response = await RouteSweepHost.SendAsync(session, method == "ANY" ? "GET" : method, target, withToken: true);
            if ((int)response.StatusCode != wanted[(int)who])
            {
                var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
                var errors = string.Join(" ", page.QuerySelectorAll(".form-errors, .field__error").Select(e => e.TextContent.Trim()));
                failures.Add($"{who}: {(int)response.StatusCode}, expected {wanted[(int)who]} ({method} {target.Path}) {errors}".TrimEnd());
            }
        }
        Assert.True(failures.Count == 0, $"{method} /{route} [{state}]:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Every_post_without_an_antiforgery_token_is_refused_with_400()
    {
        var failures = new List<string>();
        foreach (var route in RouteSweepHost.Endpoints(host).Where(e => e.StartsWith("POST ", StringComparison.Ordinal)).Select(e => e[5..]))
        {
            // A published article, so every route about an article finds one and only the token can refuse.
            var target = await host.PrepareAsync(route, State.Published);
            // Signed in (an admin may do everything, so nothing but the token stops the request) and anonymous.
            foreach (var who in new[] { RouteSweepHost.Who.Admin, RouteSweepHost.Who.Anonymous })
            {
                using var response = await RouteSweepHost.SendAsync(await host.SessionAsync(who), "POST", target, withToken: false);
                var ok = response.StatusCode == HttpStatusCode.BadRequest
                    || (who == RouteSweepHost.Who.Anonymous && (route.StartsWith("admin", StringComparison.Ordinal) || route == "account/password") && response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal));
                if (!ok)
                {
                    failures.Add($"{who} POST {target.Path}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, "posts accepted without an antiforgery token:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task No_get_changes_the_database_for_anyone()
    {
        var gets = Table().Where(row => (string)row[0] is "GET" or "ANY").Select(row => ((string)row[1], (State)row[2])).ToList();
        var targets = new List<RouteSweepHost.Target>();
        foreach (var (route, state) in gets)
        {
            targets.Add(await host.PrepareAsync(route, state));
        }
        foreach (var who in Enum.GetValues<RouteSweepHost.Who>())
        {
            await host.SessionAsync(who);
        }
        // The saves above (the POST sweep's section renames among them, hundreds of articles on a shared host) queued
        // derived work; the worker's writes are not the GETs', so the snapshot is taken once it has caught up.
        await host.DerivedWorkDoneAsync(TimeSpan.FromMinutes(5));

        var before = await host.SnapshotAsync();
        foreach (var who in Enum.GetValues<RouteSweepHost.Who>())
        {
            var session = await host.SessionAsync(who);
            foreach (var target in targets)
            {
                using var response = await RouteSweepHost.SendAsync(session, "GET", target, withToken: false);
                Assert.True((int)response.StatusCode < 500, $"{who} GET {target.Path}: {(int)response.StatusCode}");
            }
        }
        var after = await host.SnapshotAsync();

        var changed = before.Keys.Union(after.Keys)
            .Where(table => before.GetValueOrDefault(table) != after.GetValueOrDefault(table))
            .ToList();
        Assert.True(changed.Count == 0, "GET requests changed these tables: " + string.Join(", ", changed));
    }
}

/// <summary>The sweep's portal: users for each role, signed in once, and fresh articles in each state on demand.</summary>
public sealed class RouteSweepHost() : NewsPortalFactory(new PortalOptions
{
    // Every row posts a comment as every role from one address: the per-address comment limit is not what is swept.
    Settings = new Dictionary<string, string?> { ["Comments:PermitLimit"] = "100000" },
})
{
    public enum Who
    {
        Anonymous,
        AuthorA,
        AuthorB,
        Editor,
        Admin,
    }

    public sealed record Target(string Path, Dictionary<string, string> Form);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Who, AdminSession> _sessions = [];
    private readonly Dictionary<Who, TestUser> _users = [];

    public static HashSet<string> Endpoints(NewsPortalFactory factory)
    {
        var keys = new HashSet<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var isAction = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor>() is not null;
            var isHealth = endpoint.DisplayName?.Contains("Health", StringComparison.OrdinalIgnoreCase) == true;
            if (!isAction && !isHealth)
            {
                // Static files (MapStaticAssets) are the rest: they only read.
                continue;
            }
            var route = (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ["ANY"])
            {
                keys.Add($"{method} {route}");
            }
        }
        return keys;
    }

    public async Task<AdminSession> SessionAsync(Who who)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(who, out var session))
            {
                session = who == Who.Anonymous ? this.Anonymous() : await this.SignInAsync(await UserAsync(who));
                _sessions[who] = session;
            }
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A second sign-in of the same user, for requests that end the session.</summary>
    public async Task<AdminSession> FreshSessionAsync(Who who)
    {
        await SessionAsync(who);
        return who == Who.Anonymous ? this.Anonymous() : await this.SignInAsync(_users[who]);
    }

    private async Task<TestUser> UserAsync(Who who)
    {
        if (!_users.TryGetValue(who, out var user))
        {
            user = who switch
            {
                Who.AuthorA or Who.AuthorB => await this.CreateUserAsync(Roles.Author, withAuthor: true),
                Who.Editor => await this.CreateUserAsync(Roles.Editor),
                _ => await this.CreateUserAsync(Roles.Admin),
            };
            _users[who] = user;
        }
        return user;
    }

    /// <summary>The concrete address and a valid form for one request to <paramref name="route"/> about a fresh article in <paramref name="state"/>.</summary>
    public async Task<Target> PrepareAsync(string route, RouteSweepTests.State state)
    {
        await SessionAsync(Who.AuthorA);
        var authorA = _users[Who.AuthorA].AuthorId!.Value;
        var form = new Dictionary<string, string>();
        var values = new Dictionary<string, string>();
        var now = Clock.GetUtcNow().UtcDateTime;

        if (state != RouteSweepTests.State.None)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var (article, revisionId, linkId, relatedId) = await WithDbAsync(async db =>
            {
                var status = state switch
                {
                    RouteSweepTests.State.Scheduled => ArticleStatus.Scheduled,
                    RouteSweepTests.State.Published => ArticleStatus.Published,
                    RouteSweepTests.State.Unpublished => ArticleStatus.Unpublished,
                    _ => ArticleStatus.Draft,
                };
                var builder = ArticleBuilder.Article().WithStatus(status);
                if (status == ArticleStatus.Scheduled)
                {
                    builder.PublishedAt(now.AddDays(2));
                }
                var saved = await builder.SaveAsync(db, Clock);
                if (state != RouteSweepTests.State.Others)
                {
                    saved.AuthorId = authorA;
                }
                var revision = new Revision { ArticleId = saved.Id, Headline = saved.Headline, Dek = saved.Dek, BodyMarkdown = saved.BodyMarkdown, SavedAt = now, SavedByName = "sweep" };
                var link = new PreviewLink { ArticleId = saved.Id, TokenHash = PreviewLinkService.Hash(token), CreatedAt = now, ExpiresAt = now.AddDays(3) };
                db.AddRange(revision, link);
                await db.SaveChangesAsync();
                var related = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Id != saved.Id).Select(a => a.Id).FirstAsync();
                return (saved, revision.Id, link.Id, related);
            });
            values["{id:int}"] = Id(article.Id);
            values["{articleId:int}"] = Id(article.Id);
            values["{state:regex(^(open|close)$)}"] = "close";
            values["{slug}"] = article.Slug;
            values["{token}"] = token;
            values["{revisionId:int}"] = Id(revisionId);
            values["{linkId:int}"] = Id(linkId);
            form["Form.Version"] = article.Version.ToString();
            form["Form.Headline"] = "Swept headline";
            form["Form.SectionId"] = Id(article.SectionId);
            form["Form.AuthorId"] = Id(authorA);
            form["Form.Language"] = "en";
            form["publishAt"] = now.AddDays(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
            form["days"] = "7";
            form["relatedId"] = Id(relatedId);
            // A reader's comment: the form's own start time is taken from its page, see CommentFormAsync.
            form["DisplayName"] = "Swept reader";
            form["Email"] = "reader@example.test";
            form["Body"] = "A swept comment.";
        }
        else
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            if (route.StartsWith("admin/users/{userId}", StringComparison.Ordinal))
            {
                values["{userId}"] = (await this.CreateUserAsync(Roles.Author)).Id;
                form["role"] = Roles.Editor;
            }
            if (route.StartsWith("admin/comments/{id:int}", StringComparison.Ordinal))
            {
                values["{id:int}"] = Id(await NewCommentAsync());
                values["{operation}"] = "approve";
            }
            else if (route.StartsWith("media/", StringComparison.Ordinal) || route.StartsWith("admin/media/{id:int}", StringComparison.Ordinal))
            {
                var (mediaId, file) = await NewMediaAsync();
                values["{id:int}"] = Id(mediaId);
                values["{file}"] = file;
                form["AltText"] = "A swept image";
            }
            else if (route.StartsWith("admin/", StringComparison.Ordinal) && route.Contains("{id:int}", StringComparison.Ordinal))
            {
                values["{id:int}"] = Id(await WithDbAsync(async db => route.Split('/')[1] switch
                {
                    "authors" => await db.Authors.Select(a => a.Id).FirstAsync(),
                    "sections" => await db.Sections.Select(a => a.Id).FirstAsync(),
                    "sources" => await db.Sources.Select(a => a.Id).FirstAsync(),
                    // A tag of its own, since the delete row removes it.
                    _ => await NewTagAsync(db, suffix),
                }));
            }
            // A section, tag and author with published articles, as the clock of the test host sees them.
            values["{slug}"] = await WithDbAsync(async db =>
            {
                var visible = db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);
                return route.Split('/')[0] switch
                {
                    "sections" => await visible.Select(a => a.Section!.Slug).FirstAsync(),
                    "tags" => await visible.SelectMany(a => a.Tags).Select(t => t.Tag!.Slug).FirstAsync(),
                    _ => await visible.Select(a => a.Author!.Slug).FirstAsync(),
                };
            });
            values["{page}"] = "1";
            values["{code:int}"] = "404";
            form["Form.Name"] = "Swept " + suffix;
            form["Form.Headline"] = "Swept new article " + suffix;
            form["Form.SectionId"] = Id(await WithDbAsync(db => db.Sections.Select(s => s.Id).FirstAsync()));
            form["Form.AuthorId"] = Id(authorA);
            form["Form.Language"] = "en";
            form["Form.BodyMarkdown"] = "Swept *body*.";
            if (route.StartsWith("admin/users", StringComparison.Ordinal) || route.StartsWith("account", StringComparison.Ordinal))
            {
                // The users form binds a parameter named "form": other "Form.*" keys would hide its fields.
                form.Clear();
            }
            form["Email"] = route == "account/login" ? "nobody-" + suffix + "@example.test" : "new-" + suffix + "@example.test";
            if (route == "account/login")
            {
                form["Password"] = "Not-the-password-1";
            }
            form["Role"] = Roles.Author;
        }
        var path = "/" + route;
        foreach (var (placeholder, value) in values)
        {
            path = path.Replace(placeholder, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return new Target(path, form);
    }

    /// <summary>An image uploaded by the admin through the real form; its id and the file name its address carries.</summary>
    private async Task<(int Id, string File)> NewMediaAsync()
    {
        var admin = await SessionAsync(Who.Admin);
        var uploaded = await admin.UploadAsync("swept.png", TestImages.Solid(64, 36, SkiaSharp.SKColors.SteelBlue));
        var id = TestImages.UploadedId(uploaded);
        var page = await admin.PageAsync($"/admin/media/{Id(id)}");
        var address = page.QuerySelectorAll("img").Select(i => i.GetAttribute("src") ?? "").First(src => src.StartsWith("/media/", StringComparison.Ordinal));
        return (id, address.Split('?')[0].Split('/')[3]);
    }

    private async Task<int> NewCommentAsync() => await WithDbAsync(async db =>
    {
        var articleId = await db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).FirstAsync();
        var comment = new Comment { ArticleId = articleId, DisplayName = "Swept", Email = "swept@example.test", Body = "Swept.", Status = CommentStatus.Pending, CreatedAt = Clock.GetUtcNow().UtcDateTime };
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        return comment.Id;
    });

    private static async Task<int> NewTagAsync(NewsPortal.Web.Data.NewsPortalDbContext db, string suffix)
    {
        var tag = new Tag { Name = "swept-" + suffix, Slug = "swept-" + suffix };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        return tag.Id;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static async Task<HttpResponseMessage> SendAsync(AdminSession session, string method, Target target, bool withToken)
    {
        if (method == "GET")
        {
            return await session.Client.GetAsync(target.Path);
        }
        var fields = new Dictionary<string, string>(target.Form);
        if (withToken)
        {
            var tokenPage = await session.Client.GetAsync("/account/login");
            var page = await Html.ParseAsync(tokenPage);
            fields["__RequestVerificationToken"] = AdminSession.AntiforgeryToken(page);
        }
        using var content = new FormUrlEncodedContent(fields);
        return await session.Client.PostAsync(target.Path, content);
    }

    /// <summary>Every table's rows, hashed: equal snapshots mean nothing was written.</summary>
    public async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        await WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                // Every table of either database, the search index and the migrations history included.
                list.CommandText = TestProvider.IsPostgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                await using var reader = await command.ExecuteReaderAsync();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) + "\u001f"));
                    }
                }
                snapshot[table] = $"{rows} rows, {Convert.ToHexString(hash.GetHashAndReset())}";
            }
        });
        return snapshot;
    }
}
