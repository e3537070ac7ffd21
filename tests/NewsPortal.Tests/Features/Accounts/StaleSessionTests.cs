using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Features.Accounts;

/// <summary>An admin's lock, demotion or password reset takes the powers of a cookie away on its very next request.</summary>
public class StaleSessionTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Theory]
    [InlineData("lock")]
    [InlineData("role")]
    [InlineData("reset-password")]
    public async Task A_signed_in_editor_cannot_publish_after_an_admin_changes_their_account(string change)
    {
        var editorUser = await factory.CreateUserAsync(Roles.Editor);
        var editor = await factory.SignInAsync(editorUser);
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).SaveAsync(db, factory.Clock));
        var editPage = await editor.PageAsync($"/admin/articles/{article.Id}/edit");

        var changed = await admin.PostWithTokenAsync($"/admin/users/{editorUser.Id}/{change}",
            change == "role" ? new() { ["role"] = Roles.Author } : null, "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var publish = await editor.SubmitAsync(editPage, $"form[action='/admin/articles/{article.Id}/publish']");
        Assert.True(publish.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"publish gave {(int)publish.StatusCode}");
        if (publish.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/login", publish.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
        Assert.Equal(ArticleStatus.Draft, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Status).SingleAsync()));
        Assert.NotEqual(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin/authors")).StatusCode);
    }

    [Fact]
    public async Task An_unchanged_session_keeps_working_across_requests()
    {
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin/authors")).StatusCode);
        }
    }
}

internal static class UriPaths
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
