using System.Net;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Areas.Admin;

public class RelatedCurationTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private static string[] SidebarHeadlines(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("aside.related .card__headline").Select(h => h.TextContent.Trim()).ToArray();

    [Fact]
    public async Task An_editor_adds_reorders_and_removes_related_links_and_the_public_sidebar_follows()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (main, first, second) = await factory.WithDbAsync(async db => (
            await ArticleBuilder.Article().WithHeadline("Main story " + suffix).SaveAsync(db, factory.Clock),
            await ArticleBuilder.Article().WithHeadline("Alpha related " + suffix).SaveAsync(db, factory.Clock),
            await ArticleBuilder.Article().WithHeadline("Beta related " + suffix).SaveAsync(db, factory.Clock)));
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var related = $"/admin/articles/{main.Id}/related";
        var reader = factory.CreateReaderClient();

        var search = await session.PageAsync($"{related}?q=related+{suffix}");
        Assert.Equal(2, search.QuerySelectorAll($"form[action='{related}/add']").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(search, $"form[action='{related}/add']:has(input[value='{first.Id}'])")).StatusCode);
        await session.SubmitAsync($"{related}?q=related+{suffix}", $"form[action='{related}/add']:has(input[value='{second.Id}'])");

        var sidebar = SidebarHeadlines(await reader.GetDocumentAsync("/articles/" + main.Slug));
        Assert.Equal(["Alpha related " + suffix, "Beta related " + suffix], sidebar.Take(2));

        await session.SubmitAsync(related, $"form[action='{related}/up']:has(input[value='{second.Id}'])");
        sidebar = SidebarHeadlines(await reader.GetDocumentAsync("/articles/" + main.Slug));
        Assert.Equal(["Beta related " + suffix, "Alpha related " + suffix], sidebar.Take(2));

        await session.SubmitAsync(related, $"form[action='{related}/remove']:has(input[value='{second.Id}'])");
        sidebar = SidebarHeadlines(await reader.GetDocumentAsync("/articles/" + main.Slug));
        Assert.Equal("Alpha related " + suffix, sidebar[0]);
        Assert.DoesNotContain("Beta related " + suffix, sidebar);
    }

    [Fact]
    public async Task Linking_an_article_to_itself_is_refused_with_a_message()
    {
        var main = await factory.WithDbAsync(db => ArticleBuilder.Article().SaveAsync(db, factory.Clock));
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

        var response = await session.PostWithTokenAsync($"/admin/articles/{main.Id}/related/add", new() { ["relatedId"] = main.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await session.PageAsync($"/admin/articles/{main.Id}/related");
        Assert.Contains("cannot be related to itself", page.QuerySelector(".flash--error")!.TextContent, StringComparison.Ordinal);
    }
}
