using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Data;

namespace NewsPortal.BrowserTests.Infrastructure;

public static class Newsroom
{
    /// <summary>Signs in through the real form as the admin the server was started with.</summary>
    public static async Task SignInAsync(this BrowserPage session)
    {
        await session.GotoAsync("/account/login");
        await session.Page.GetByLabel("Email").FillAsync(PortalServer.AdminEmail);
        await session.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalServer.AdminPassword);
        await session.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    public static async Task<int> ArticleIdAsync(this BrowserFixture browser, string slug)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        return await db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync();
    }

    public static string WithId(this string path, int id) =>
        path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
