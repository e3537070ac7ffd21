using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Editorial;
using Serilog.Events;

namespace NewsPortal.Tests.Features.Accounts;

/// <summary>A portal started with Admin:Email but no Admin:Password, so the first admin gets a generated one.</summary>
public sealed class GeneratedAdminFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    Settings = new Dictionary<string, string?> { ["Admin:Email"] = Email },
})
{
    public const string Email = "generated-admin@example.test";
}

internal static class LogText
{
    /// <summary>Everything an event would put in a log: the rendered message, every property and the exception.</summary>
    public static string Of(LogEvent e) =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => p.Key + "=" + p.Value)) + " " + e.Exception;
}

public class PreviewTokenLogTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task A_preview_token_appears_in_no_log_event()
    {
        var article = await factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).SaveAsync(db, factory.Clock));
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var editor = new Editor(null, "Test editor", CanPublish: true, IsAdmin: false, AuthorId: null);
            token = await scope.ServiceProvider.GetRequiredService<PreviewLinkService>().CreateAsync(article.Id, TimeSpan.FromDays(1), editor, CancellationToken.None);
        }
        var unknown = "Unknown" + Guid.NewGuid().ToString("N");
        var client = factory.CreateReaderClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/preview/" + token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/preview/" + unknown)).StatusCode);
        // A broken body makes the app log a warning (through ILogger, with ASP.NET Core's request scope) about this path.
        using var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--x\r\n"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/preview/" + token, broken)).StatusCode);

        var events = factory.Logs.All;
        Assert.Contains(events, e => LogText.Of(e).Contains("/preview/" + NewsPortal.Web.Infrastructure.SecretsMasked.Mask, StringComparison.Ordinal));
        Assert.Contains(events, e => e.Level == LogEventLevel.Warning && LogText.Of(e).Contains("/preview/", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => LogText.Of(e).Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => LogText.Of(e).Contains(unknown, StringComparison.Ordinal));
    }
}

public class GeneratedPasswordTests(GeneratedAdminFactory factory) : IClassFixture<GeneratedAdminFactory>
{
    [Fact]
    public async Task The_generated_first_admin_password_is_in_an_owner_only_file_and_in_no_log_event()
    {
        factory.StartServer();
        var file = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, IdentityBootstrapper.PasswordFileName);

        Assert.True(File.Exists(file), $"no {file}");
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(GeneratedAdminFactory.Email, lines[0]);
        var password = lines[1];
        Assert.True(password.Length >= 12);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var session = await factory.SignInAsync(new TestUser("", GeneratedAdminFactory.Email, password, Roles.Admin, null));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/users")).StatusCode);

        var events = factory.Logs.All;
        Assert.Contains(events, e => LogText.Of(e).Contains(file, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => LogText.Of(e).Contains(password, StringComparison.Ordinal));
    }
}
