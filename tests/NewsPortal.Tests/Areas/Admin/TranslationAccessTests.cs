using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>"Translation of" may name only an article the current editor may view.</summary>
public class TranslationAccessTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    private static async Task<(int Id, string Slug)> CreateDraftAsync(NewsPortalFactory factory, AdminSession session, string headline)
    {
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = headline,
            ["Form.Dek"] = "A standfirst for the test.",
            ["Form.BodyMarkdown"] = "The first paragraph says what happened. The second one says why it matters.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        return (id, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync()));
    }

    [Fact]
    public async Task An_author_cannot_link_another_authors_draft_and_learns_nothing_about_it()
    {
        var other = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var (otherId, otherSlug) = await CreateDraftAsync(factory, other, "Embargoed scoop about the merger");
        var me = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var (mine, _) = await CreateDraftAsync(factory, me, "합병에 관한 기사");

        var response = await me.SubmitAsync($"/admin/articles/{mine}/edit", EditorForm, new() { ["Form.Language"] = "ko", ["Form.TranslationOf"] = otherSlug });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Embargoed scoop", html, StringComparison.Ordinal);
        var page = await Html.ParseAsync(html);
        Assert.Contains($"No article has the slug '{otherSlug}'", page.QuerySelector("[data-valmsg-for='Form.TranslationOf']")!.TextContent, StringComparison.Ordinal);
        var groups = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == otherId || a.Id == mine).Select(a => a.TranslationGroup).ToListAsync());
        Assert.All(groups, Assert.Null);
        Assert.DoesNotContain("Embargoed scoop", await me.Client.GetStringAsync($"/admin/articles/{mine}/edit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_links_their_own_articles_as_translations()
    {
        var me = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var (english, englishSlug) = await CreateDraftAsync(factory, me, "Own story in English");
        var (korean, _) = await CreateDraftAsync(factory, me, "내 기사");

        var response = await me.SubmitAsync($"/admin/articles/{korean}/edit", EditorForm, new() { ["Form.Language"] = "ko", ["Form.TranslationOf"] = englishSlug });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var groups = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == english || a.Id == korean).Select(a => a.TranslationGroup).ToListAsync());
        Assert.NotNull(groups[0]);
        Assert.Equal(groups[0], groups[1]);
    }
}
