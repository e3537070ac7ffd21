using System.Net;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>The one access check in front of every article page and action: 404 for a missing article, 403 for someone else's.</summary>
public class ArticleAccessTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string DemoSlug = "pressure-mounts-for-inter-korean-detente";

    public static TheoryData<string, string> GuardedRoutes => new()
    {
        { "GET", "/admin/articles/{id}/edit" },
        { "POST", "/admin/articles/{id}/edit" },
        { "GET", "/admin/articles/{id}/preview" },
        { "POST", "/admin/articles/{id}/preview-links" },
        { "POST", "/admin/articles/{id}/preview-links/1/revoke" },
        { "GET", "/admin/articles/{id}/revisions" },
    };

    private static async Task<HttpResponseMessage> SendAsync(AdminSession session, string method, string url) =>
        method == "GET"
            // An empty headline would be a 400 form page if the check came after validation.
            ? await session.Client.GetAsync(url)
            : await session.PostWithTokenAsync(url, new() { ["Form.Headline"] = "", ["days"] = "3" });

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task An_author_gets_not_found_for_a_missing_article(string method, string template)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));

        var response = await SendAsync(session, method, template.Replace("{id}", "999999", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task An_author_is_forbidden_someone_elses_article(string method, string template)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var id = await factory.ArticleIdAsync(DemoSlug);

        var response = await SendAsync(session, method, template.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_editor_opens_any_articles_editor_and_history()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = await factory.ArticleIdAsync(DemoSlug);

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync($"/admin/articles/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync($"/admin/articles/{id}/revisions")).StatusCode);
    }
}
