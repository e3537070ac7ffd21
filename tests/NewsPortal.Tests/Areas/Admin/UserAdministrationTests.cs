using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Operations;

namespace NewsPortal.Tests.Areas.Admin;

public class FirstAdminTests(FirstAdminFactory factory) : IClassFixture<FirstAdminFactory>
{
    [Fact]
    public async Task The_first_admin_comes_from_configuration_and_can_sign_in()
    {
        var session = factory.Anonymous();
        var response = await session.SubmitAsync("/account/login", "form[action='/account/login']",
            new() { ["Email"] = FirstAdminFactory.Email, ["Password"] = FirstAdminFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Roles.CountAsync()));
    }
}

public class UserAdministrationTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task The_users_command_creates_a_user_then_resets_their_password_and_role()
    {
        var command = factory.Services.GetServices<IOperatorCommand>().Single(c => c.Name == "users");
        var email = $"desk-{Guid.NewGuid():N}@example.test";

        Assert.Equal(0, await command.RunAsync(["add", "--email", email, "--role", "Editor", "--name", "Desk Editor"], factory.Services, CommandOutput.Null, CancellationToken.None));
        Assert.Equal(0, await command.RunAsync(["add", "--email", email, "--role", "Author", "--password", "Another-pass-123"], factory.Services, CommandOutput.Null, CancellationToken.None));
        Assert.Equal(1, await command.RunAsync(["add", "--email", email, "--role", "Author", "--password", "weak"], factory.Services, CommandOutput.Null, CancellationToken.None));
        Assert.Equal(1, await command.RunAsync(["add", "--email", email, "--role", "Overlord"], factory.Services, CommandOutput.Null, CancellationToken.None));
        Assert.Equal(2, await command.RunAsync(["add", "--role", "Editor"], factory.Services, CommandOutput.Null, CancellationToken.None));

        var signedIn = await factory.SignInAsync(new TestUser("", email, "Another-pass-123", Roles.Author, null));
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.Equal([Roles.Author], await users.GetRolesAsync(user!));
        Assert.Equal("Desk Editor", user!.DisplayName);
        Assert.NotNull(signedIn);
    }

    [Fact]
    public async Task A_weak_password_is_reported_with_the_rules_it_breaks()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>()
            .CreateOrResetAsync($"weak-{Guid.NewGuid():N}@example.test", Roles.Editor, "short", null);

        Assert.False(result.Succeeded);
        Assert.Contains("at least 12 characters", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_user_in_the_admin_and_sees_the_generated_password_once()
    {
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var email = $"new-{Guid.NewGuid():N}@example.test";

        var response = await admin.SubmitAsync("/admin/users/new", "form[action='/admin/users/new']", new() { ["Email"] = email, ["Role"] = "Editor" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.PageAsync("/admin/users");
        var secret = list.QuerySelector(".flash--secret")!.TextContent;
        var password = secret.Split(": ")[1].Split(' ')[0];

        var session = await factory.SignInAsync(new TestUser("", email, password, Roles.Editor, null));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/authors")).StatusCode);
        Assert.Null((await admin.PageAsync("/admin/users")).QuerySelector(".flash--secret"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "User" && e.Details!.Contains(email))));
    }

    [Fact]
    public async Task An_editor_links_an_author_profile_to_a_user()
    {
        var writer = await factory.CreateUserAsync(Roles.Author);
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var name = "Columnist " + Guid.NewGuid().ToString("N")[..6];

        var response = await editor.SubmitAsync("/admin/authors/new", "form[action='/admin/authors/new']", new()
        {
            ["Form.Name"] = name, ["Form.IsColumnist"] = "true", ["Form.ColumnName"] = "Letters from Seoul", ["Form.UserId"] = writer.Id,
            ["Form.Bio"] = "Writes <b>weekly</b>.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var author = await factory.WithDbAsync(db => db.Authors.SingleAsync(a => a.Name == name));
        Assert.Equal(writer.Id, author.UserId);
        Assert.True(author.IsColumnist);
        Assert.Matches("^columnist-[a-z0-9]+$", author.Slug);

        var missing = await editor.SubmitAsync("/admin/authors/new", "form[action='/admin/authors/new']", new() { ["Form.Name"] = "", ["Form.PhotoUrl"] = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Give the author's name.", (await Html.ParseAsync(missing)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }
}
