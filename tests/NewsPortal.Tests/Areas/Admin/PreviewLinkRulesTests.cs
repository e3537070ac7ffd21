using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>Share links: how long each role may mint them for, and that unpublishing ends the old ones.</summary>
public class PreviewLinkRulesTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    private static async Task<int> CreateDraftAsync(AdminSession session, string headline)
    {
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = headline,
            ["Form.Dek"] = "A standfirst for the test.",
            ["Form.BodyMarkdown"] = "The first paragraph says what happened. The second one says why it matters.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> MintAsync(AdminSession session, int id, string? days = null)
    {
        var created = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/preview-links']",
            days is null ? null : new() { ["days"] = days });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        return new Uri(edit.QuerySelector("#new-preview-url")!.GetAttribute("value")!).PathAndQuery;
    }

    [Fact]
    public async Task Unpublishing_ends_the_preview_links_minted_before_but_a_new_link_works()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = await CreateDraftAsync(session, "Story that will be withdrawn");
        var beforePublishing = await MintAsync(session, id);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/publish']")).StatusCode);
        var whilePublished = await MintAsync(session, id);
        var anonymous = factory.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(whilePublished)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/unpublish']")).StatusCode);

        foreach (var link in new[] { beforePublishing, whilePublished })
        {
            using var response = await anonymous.GetAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Story that will be withdrawn", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var afterwards = await MintAsync(session, id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(afterwards)).StatusCode);
    }

    [Fact]
    public async Task An_author_may_mint_links_of_at_most_seven_days_and_is_told_so()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var id = await CreateDraftAsync(session, "Author's draft to share");
        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        Assert.Equal("7", edit.QuerySelector("input#days")!.GetAttribute("max"));

        var refused = await session.PostWithTokenAsync($"/admin/articles/{id}/preview-links", new() { ["days"] = "30" }, $"/admin/articles/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var message = (await session.PageAsync($"/admin/articles/{id}/edit")).QuerySelector(".flash--error")!.TextContent;
        Assert.Contains("1 to 7 days", message, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.PreviewLinks.AnyAsync(p => p.ArticleId == id)));

        await MintAsync(session, id, "7");
        var expires = await factory.WithDbAsync(db => db.PreviewLinks.Where(p => p.ArticleId == id).Select(p => p.ExpiresAt).SingleAsync());
        Assert.True(expires <= factory.Clock.GetUtcNow().UtcDateTime.AddDays(7));
    }

    [Fact]
    public async Task An_editor_may_mint_links_of_up_to_thirty_days()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = await CreateDraftAsync(session, "Editor's draft to share");
        Assert.Equal("30", (await session.PageAsync($"/admin/articles/{id}/edit")).QuerySelector("input#days")!.GetAttribute("max"));

        await MintAsync(session, id, "30");
        var expires = await factory.WithDbAsync(db => db.PreviewLinks.Where(p => p.ArticleId == id).Select(p => p.ExpiresAt).SingleAsync());
        Assert.True(expires > factory.Clock.GetUtcNow().UtcDateTime.AddDays(29));

        var refused = await session.PostWithTokenAsync($"/admin/articles/{id}/preview-links", new() { ["days"] = "31" }, $"/admin/articles/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("1 to 30 days", (await session.PageAsync($"/admin/articles/{id}/edit")).QuerySelector(".flash--error")!.TextContent, StringComparison.Ordinal);
    }
}
