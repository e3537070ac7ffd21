using System.Net;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Areas.Admin;

public class AuthorizationTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    public enum Who
    {
        Anonymous,
        Author,
        Editor,
        Admin,
    }

    // "{other}" is an article by someone else; "{own}" is the Author's own draft.
    // Expected: A = 200 for everyone signed in; P = Editors and Admins (Authors get 403); X = Admins only.
    public static TheoryData<string, string> Endpoints => new()
    {
        { "/admin", "A" },
        { "/admin/articles", "A" },
        { "/admin/articles/new", "A" },
        { "/admin/articles/{own}/edit", "A" },
        { "/admin/articles/{own}/revisions", "A" },
        { "/admin/articles/{own}/preview", "A" },
        { "/admin/articles/{other}/edit", "P" },
        { "/admin/articles/{other}/revisions", "P" },
        { "/admin/articles/{other}/preview", "P" },
        { "/admin/articles/{other}/related", "P" },
        { "/admin/authors", "P" },
        { "/admin/authors/new", "P" },
        { "/admin/sections", "P" },
        { "/admin/sections/new", "P" },
        { "/admin/tags", "P" },
        { "/admin/tags/new", "P" },
        { "/admin/sources", "P" },
        { "/admin/sources/new", "P" },
        { "/admin/users", "X" },
        { "/admin/users/new", "X" },
        { "/admin/audit", "X" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_admin_page_answers_each_role_as_expected(string template, string rule)
    {
        var author = await factory.CreateUserAsync(Roles.Author, withAuthor: true);
        var own = await factory.WithDbAsync(async db =>
        {
            var article = await ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).SaveAsync(db, factory.Clock);
            article.AuthorId = author.AuthorId!.Value;
            await db.SaveChangesAsync();
            return article.Id;
        });
        var other = await factory.WithDbAsync(async db => (await ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).SaveAsync(db, factory.Clock)).Id);
        var url = template.Replace("{own}", own.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{other}", other.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        foreach (var who in Enum.GetValues<Who>())
        {
            var session = who switch
            {
                Who.Anonymous => factory.Anonymous(),
                Who.Author => await factory.SignInAsync(author),
                Who.Editor => await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor)),
                _ => await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin)),
            };
            var response = await session.Client.GetAsync(url);
            var expected = who switch
            {
                Who.Anonymous => HttpStatusCode.Redirect,
                Who.Admin => HttpStatusCode.OK,
                Who.Editor => rule == "X" ? HttpStatusCode.Forbidden : HttpStatusCode.OK,
                _ => rule == "A" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            };
            Assert.True(expected == response.StatusCode, $"{who} GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
            if (who == Who.Anonymous)
            {
                Assert.Contains("/account/login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_signed_in_user_without_a_newsroom_role_is_forbidden()
    {
        var user = await factory.CreateUserAsync(Roles.Author);
        await factory.WithDbAsync(async db =>
        {
            var roles = db.UserRoles.Where(r => r.UserId == user.Id);
            db.UserRoles.RemoveRange(roles);
            await db.SaveChangesAsync();
        });
        var session = await factory.SignInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_author_cannot_publish_or_edit_someone_elses_article_by_posting_directly()
    {
        var author = await factory.CreateUserAsync(Roles.Author, withAuthor: true);
        var other = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).WithHeadline("Someone else's draft").SaveAsync(db, factory.Clock));
        var session = await factory.SignInAsync(author);
        var id = other.Id;

        foreach (var action in new[] { "publish", "unpublish", "schedule", "unschedule" })
        {
            var response = await session.PostWithTokenAsync($"/admin/articles/{id}/{action}", new() { ["publishAt"] = "2030-01-01T10:00" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action}: {(int)response.StatusCode}");
        }
        var edit = await session.PostWithTokenAsync($"/admin/articles/{id}/edit", new()
        {
            ["Form.Version"] = other.Version.ToString(),
            ["Form.Headline"] = "Hijacked",
            ["Form.SectionId"] = other.SectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.AuthorId"] = author.AuthorId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostWithTokenAsync($"/admin/articles/{id}/submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostWithTokenAsync($"/admin/articles/{id}/preview-links", new() { ["days"] = "7" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostWithTokenAsync($"/admin/articles/{id}/related/add", new() { ["relatedId"] = "1" })).StatusCode);

        var saved = await factory.WithDbAsync(db => db.Articles.FindAsync(id).AsTask());
        Assert.Equal("Someone else's draft", saved!.Headline);
        Assert.Equal(ArticleStatus.Draft, saved.Status);
    }

    [Fact]
    public async Task An_author_writes_and_submits_their_own_draft_but_cannot_publish_it()
    {
        var author = await factory.CreateUserAsync(Roles.Author, withAuthor: true);
        var session = await factory.SignInAsync(author);

        var created = await session.SubmitAsync("/admin/articles/new", "form#article-form", new()
        {
            ["Form.Headline"] = "An author's own story",
            ["Form.BodyMarkdown"] = "Written by the author.",
            ["Form.AuthorId"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        var article = await factory.WithDbAsync(db => db.Articles.FindAsync(id).AsTask());
        Assert.Equal(author.AuthorId, article!.AuthorId);

        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        Assert.Null(edit.QuerySelector($"form[action='/admin/articles/{id}/publish']"));
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(edit, $"form[action='/admin/articles/{id}/submit']")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostWithTokenAsync($"/admin/articles/{id}/publish")).StatusCode);

        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var dashboard = await editor.PageAsync("/admin");
        Assert.Contains("An author's own story", dashboard.QuerySelector("#review-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/articles/new")]
    [InlineData("/admin/articles/1/publish")]
    [InlineData("/admin/articles/1/related/add")]
    [InlineData("/admin/users/new")]
    [InlineData("/account/logout")]
    public async Task Admin_posts_without_an_antiforgery_token_are_rejected(string url)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Headline"] = "No token", ["relatedId"] = "2" });

        var response = await session.Client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/articles?page=-1", HttpStatusCode.BadRequest)]
    [InlineData("/admin/articles?status=Nope", HttpStatusCode.BadRequest)]
    [InlineData("/admin/articles?section=abc", HttpStatusCode.BadRequest)]
    [InlineData("/admin/articles/999999/edit", HttpStatusCode.NotFound)]
    [InlineData("/admin/articles/999999/revisions", HttpStatusCode.NotFound)]
    [InlineData("/admin/articles/1/revisions?from=x", HttpStatusCode.BadRequest)]
    [InlineData("/admin/audit?page=0", HttpStatusCode.BadRequest)]
    public async Task Bad_admin_addresses_get_a_clear_4xx_not_an_error(string url, HttpStatusCode expected)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var response = await session.Client.GetAsync(url);
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
    }
}
