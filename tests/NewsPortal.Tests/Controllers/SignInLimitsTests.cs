using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Tests.Controllers;

/// <summary>The portal with the documented sign-in limits, and each test client at an address of its own (X-Test-Client-Address).</summary>
public sealed class SignInLimitsFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    Settings = new Dictionary<string, string?>
    {
        ["SignIn:PermitLimit"] = new SignInLimitsOptions().PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SignIn:AccountPermitLimit"] = new SignInLimitsOptions().AccountPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    },
})
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>A browser-like client at <paramref name="address"/>.</summary>
    public AdminSession At(string address)
    {
        var session = this.Anonymous();
        session.Client.DefaultRequestHeaders.Add(AddressHeader, address);
        return session;
    }

    public static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class SignInLimitsTests(SignInLimitsFactory factory) : IClassFixture<SignInLimitsFactory>
{
    private const string Form = "form[action='/account/login']";

    [Fact]
    public void The_documented_defaults_are_ten_attempts_per_fifteen_minutes_and_five_failures()
    {
        var defaults = new SignInLimitsOptions();
        Assert.Equal((10, 10, 15, 5, 15), (defaults.PermitLimit, defaults.AccountPermitLimit, defaults.WindowMinutes, defaults.MaxFailures, defaults.FailureBlockMinutes));
    }

    [Fact]
    public async Task The_eleventh_attempt_from_one_address_gets_a_429_page_with_retry_after_and_other_pages_still_work()
    {
        var session = factory.At(SignInLimitsFactory.NewAddress());
        var page = await session.PageAsync("/account/login");
        for (var i = 0; i < 10; i++)
        {
            // Different accounts each time: only the per-address limit is in play.
            var response = await session.SubmitAsync(page, Form, new() { ["Email"] = $"nobody-{i}-{Guid.NewGuid():N}@example.test", ["Password"] = "Wrong-password-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var limited = await session.SubmitAsync(page, Form, new() { ["Email"] = $"nobody-{Guid.NewGuid():N}@example.test", ["Password"] = "Wrong-password-1" });

        await AssertTooManyAttemptsPageAsync(limited);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/healthz")).StatusCode);
        var elsewhere = factory.At(SignInLimitsFactory.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.SubmitAsync("/account/login", Form, new() { ["Email"] = "someone@example.test", ["Password"] = "Wrong-password-1" })).StatusCode);
    }

    [Fact]
    public async Task The_eleventh_attempt_on_one_account_from_many_addresses_gets_a_429()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        for (var i = 0; i < 10; i++)
        {
            var response = await factory.At(SignInLimitsFactory.NewAddress()).SubmitAsync("/account/login", Form,
                new() { ["Email"] = user.Email.ToUpperInvariant(), ["Password"] = "Wrong-password-" + i });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var limited = await factory.At(SignInLimitsFactory.NewAddress()).SubmitAsync("/account/login", Form, new() { ["Email"] = user.Email, ["Password"] = user.Password });

        await AssertTooManyAttemptsPageAsync(limited);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another()
    {
        var user = await factory.CreateUserAsync(Roles.Editor);
        var attacker = factory.At(SignInLimitsFactory.NewAddress());
        for (var i = 0; i < 5; i++)
        {
            await attacker.SubmitAsync("/account/login", Form, new() { ["Email"] = user.Email, ["Password"] = "Wrong-password-" + i });
        }
        var stillRefused = await attacker.SubmitAsync("/account/login", Form, new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Contains("Too many wrong passwords from this device", await stillRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var owner = factory.At(SignInLimitsFactory.NewAddress());
        var response = await owner.SubmitAsync("/account/login", Form, new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/admin")).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stored = await users.FindByIdAsync(user.Id);
        Assert.Null(stored!.LockoutEnd);
    }

    private static async Task AssertTooManyAttemptsPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        IHtmlDocument page = await Html.ParseAsync(response);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("header, nav, footer"));
    }
}

public class SignInAnswerTests(SignInLimitsFactory factory) : IClassFixture<SignInLimitsFactory>
{
    private const string Form = "form[action='/account/login']";

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_page()
    {
        var wrong = await factory.CreateUserAsync(Roles.Editor);
        var locked = await factory.CreateUserAsync(Roles.Editor);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(locked.Id);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
        }

        var unknownAnswer = await AnswerAsync($"nobody-{Guid.NewGuid():N}@example.test", "Wrong-password-1");
        var wrongAnswer = await AnswerAsync(wrong.Email, "Wrong-password-1");
        var lockedAnswer = await AnswerAsync(locked.Email, locked.Password);

        Assert.Equal(unknownAnswer, wrongAnswer);
        Assert.Equal(unknownAnswer, lockedAnswer);
        Assert.Contains("The email or password is incorrect.", unknownAnswer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Common_and_over_long_passwords_are_refused_with_clear_messages()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();

        var common = await bootstrapper.CreateOrResetAsync($"common-{Guid.NewGuid():N}@example.test", Roles.Author, "Qwerty123456", null);
        var tooLong = await bootstrapper.CreateOrResetAsync($"long-{Guid.NewGuid():N}@example.test", Roles.Author, "Aa1" + new string('x', 126), null);
        var longest = await bootstrapper.CreateOrResetAsync($"longest-{Guid.NewGuid():N}@example.test", Roles.Author, "Aa1" + new string('x', 125), null);

        Assert.False(common.Succeeded);
        Assert.Contains("most common", common.Message, StringComparison.Ordinal);
        Assert.False(tooLong.Succeeded);
        Assert.Contains("at most 128 characters", tooLong.Message, StringComparison.Ordinal);
        Assert.True(longest.Succeeded, longest.Message);

        var form = await factory.At(SignInLimitsFactory.NewAddress()).SubmitAsync("/account/login", Form,
            new() { ["Email"] = "someone@example.test", ["Password"] = new string('x', 129) });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("at most 128 characters", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_as_someone_else_replaces_the_session()
    {
        var editor = await factory.CreateUserAsync(Roles.Editor);
        var author = await factory.CreateUserAsync(Roles.Author);
        var session = factory.At(SignInLimitsFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/account/login", Form, new() { ["Email"] = editor.Email, ["Password"] = editor.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/authors")).StatusCode);

        var second = await session.SubmitAsync("/account/login", Form, new() { ["Email"] = author.Email, ["Password"] = author.Password });

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains(second.Headers.GetValues("Set-Cookie"), c => c.StartsWith("newsportal.auth=", StringComparison.Ordinal) && !c.StartsWith("newsportal.auth=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/admin/authors")).StatusCode);
    }

    /// <summary>Status and body of a sign-in answer, without what differs on every response (token, nonce) and the email typed.</summary>
    private async Task<(HttpStatusCode Status, string Body)> AnswerAsync(string email, string password)
    {
        var response = await factory.At(SignInLimitsFactory.NewAddress()).SubmitAsync("/account/login", Form, new() { ["Email"] = email, ["Password"] = password });
        var body = (await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal);
        body = System.Text.RegularExpressions.Regex.Replace(body, "(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|nonce=\")[^\"]*\"", "$1\"");
        return (response.StatusCode, body);
    }
}
