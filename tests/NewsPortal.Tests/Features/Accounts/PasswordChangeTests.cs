using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Tests.Features.Accounts;

/// <summary>/account/password: a signed-in staff member changes their own password; other sessions end, this one goes on.</summary>
public class PasswordChangeTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string Form = "form[action='/account/password']";
    private const string NewPassword = "Brand-new-passphrase-77";

    private static Dictionary<string, string> Fields(string current, string next, string? confirm = null) =>
        new() { ["CurrentPassword"] = current, ["NewPassword"] = next, ["ConfirmPassword"] = confirm ?? next };

    [Fact]
    public async Task The_page_asks_for_the_current_and_new_password_and_needs_a_sign_in()
    {
        var anonymous = await factory.Anonymous().Client.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author));
        var page = await session.PageAsync("/account/password");
        foreach (var name in new[] { "CurrentPassword", "NewPassword", "ConfirmPassword" })
        {
            Assert.NotNull(page.QuerySelector($"{Form} input[name='{name}'][type='password']"));
        }
        Assert.NotNull(page.QuerySelector($"{Form} input[name='__RequestVerificationToken']"));
        Assert.NotNull(page.QuerySelector(".admin-header a[href='/account/password']"));
        Assert.NotNull((await session.PageAsync("/admin")).QuerySelector(".admin-header a[href='/account/password']"));
    }

    [Fact]
    public async Task Changing_it_ends_other_sessions_keeps_this_one_and_is_audited()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var here = await factory.SignInAsync(user);
        var elsewhere = await factory.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Client.GetAsync("/admin")).StatusCode);

        var response = await here.SubmitAsync("/account/password", Form, Fields(user.Password, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/password", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthCookie.Name + "=", StringComparison.Ordinal) && !c.StartsWith(AuthCookie.Name + "=;", StringComparison.Ordinal));
        var confirmation = await here.PageAsync("/account/password");
        Assert.Contains("Your password is changed", confirmation.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await here.Client.GetAsync("/admin")).StatusCode);

        var stale = await elsewhere.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/account/login", stale.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().SubmitAsync("/account/login", "form[action='/account/login']",
            new() { ["Email"] = user.Email, ["Password"] = user.Password })).StatusCode); // the old one is refused
        await factory.SignInAsync(user with { Password = NewPassword });

        var audited = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.EntityType == "User" && e.EntityId == user.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([PasswordChange.AuditAction], audited);
    }

    [Theory]
    [InlineData("wrong", "CurrentPassword", "The current password is incorrect.")]
    [InlineData("mismatch", "ConfirmPassword", "The two new passwords are not the same.")]
    [InlineData("common", "NewPassword", "most common")]
    [InlineData("short", "NewPassword", "at least 12 characters")]
    [InlineData("too-long", "NewPassword", "at most 128 characters")]
    [InlineData("same", "NewPassword", "must differ from the current one")]
    public async Task A_refused_change_shows_a_message_and_never_echoes_a_password(string kind, string field, string message)
    {
        var user = await factory.CreateUserAsync(Roles.Author);
        var session = await factory.SignInAsync(user);
        var fields = kind switch
        {
            "wrong" => Fields("Not-my-password-123", NewPassword),
            "mismatch" => Fields(user.Password, NewPassword, NewPassword + "x"),
            "common" => Fields(user.Password, "Password1234"),
            "short" => Fields(user.Password, "Short1a"),
            "too-long" => Fields(user.Password, "Aa1" + new string('q', 127)),
            _ => Fields(user.Password, user.Password),
        };

        var response = await session.SubmitAsync("/account/password", Form, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        IHtmlDocument page = await Html.ParseAsync(html);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"input[name='{field}']"));
        Assert.Empty(page.QuerySelectorAll($"{Form} input[type='password'][value]:not([value=''])"));
        foreach (var typed in fields.Values)
        {
            Assert.DoesNotContain(typed, html, StringComparison.Ordinal);
        }
        // Nothing changed: the old password still signs in.
        await factory.SignInAsync(user);
    }

    [Fact]
    public async Task Five_wrong_current_passwords_refuse_even_the_right_one_for_a_while()
    {
        var user = await factory.CreateUserAsync(Roles.Author);
        var session = await factory.SignInAsync(user);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await session.SubmitAsync("/account/password", Form, Fields("Wrong-guess-number-" + i, NewPassword))).StatusCode);
        }

        var response = await session.SubmitAsync("/account/password", Form, Fields(user.Password, NewPassword));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many wrong passwords from this device", (await Html.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        // Unchanged; and the same budget as sign-in, so this address may not sign in to the account either for a while.
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, user.Password));
        Assert.Contains("Too many wrong passwords from this device", await (await factory.Anonymous().SubmitAsync("/account/login", "form[action='/account/login']",
            new() { ["Email"] = user.Email, ["Password"] = user.Password })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
