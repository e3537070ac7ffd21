using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Controllers;

public class SignInTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task Signing_in_with_the_form_redirects_to_the_admin_and_the_dashboard_opens()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var session = factory.Anonymous();

        var page = await session.PageAsync("/account/login");
        Assert.NotNull(page.QuerySelector("form input[name='Email']"));
        Assert.NotNull(page.QuerySelector("form input[name='Password'][type='password']"));
        Assert.NotNull(page.QuerySelector("form input[name='__RequestVerificationToken']"));

        var response = await session.SubmitAsync(page, "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("newsportal.auth=", StringComparison.Ordinal));

        var dashboard = await session.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_to_the_admin_are_sent_to_sign_in_and_come_back_afterwards()
    {
        var user = await factory.CreateUserAsync(Roles.Admin);
        var session = factory.Anonymous();

        var response = await session.Client.GetAsync("/admin/articles?status=Draft");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?ReturnUrl=", login.Replace("http://localhost", "", StringComparison.Ordinal));

        var signedIn = await session.SubmitAsync(login, "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal("/admin/articles?status=Draft", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_with_a_clear_message()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var session = factory.Anonymous();

        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("email or password is incorrect", page.QuerySelector(".form-errors")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_the_site(string returnUrl)
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var session = factory.Anonymous();

        var response = await session.SubmitAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "form[action='/account/login']",
            new() { ["Email"] = user.Email, ["Password"] = user.Password, ["ReturnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_refuse_even_the_right_one_from_that_address_with_a_clear_message()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var session = factory.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = "wrong-" + i });
        }

        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many wrong passwords from this device: wait 15 minutes", (await Html.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Empty_or_malformed_sign_in_gets_form_messages_not_an_error()
    {
        var session = factory.Anonymous();
        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']", new() { ["Email"] = "<script>alert(1)</script>", ["Password"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var response = await session.SubmitAsync("/admin", "form[action='/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Showing_the_sign_in_page_logs_no_warning()
    {
        var client = factory.CreateReaderClient();
        var marker = "/account/login?probe=" + Guid.NewGuid().ToString("N");

        using var response = await client.GetAsync(marker);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        // The request's own log line arrives when the response has been sent; wait for it, then look at everything logged.
        for (var i = 0; i < 50 && !factory.Logs.All.Any(e => e.RenderMessage().Contains("/account/login", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20);
        }
        var warnings = factory.Logs.Warnings.Where(e => e.RenderMessage().Contains("Cache-Control", StringComparison.Ordinal)
            || e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Antiforgery", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings.Select(w => w.RenderMessage())));
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password });

        var response = await client.PostAsync("/account/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
