using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Infrastructure;
using Serilog.Events;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>Each kind of endpoint reads only as much as it needs: small reader forms, large staff forms, what an endpoint says itself.</summary>
public class RequestLimitTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    [Fact]
    public async Task A_sign_in_post_over_the_reader_form_limit_gets_413_without_being_read()
    {
        var client = factory.CreateReaderClient();
        var before = factory.Logs.Warnings.Count;
        using var body = new StringContent("Email=x%40example.test&Password=" + new string('a', 70 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/account/login", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request too large", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
        AssertOneWarning(before, "/account/login", 413, "reader limit");
    }

    [Fact]
    public async Task A_chunked_sign_in_post_with_a_value_over_the_reader_limit_gets_413()
    {
        var client = factory.CreateReaderClient();
        var before = factory.Logs.Warnings.Count;
        var bytes = Encoding.ASCII.GetBytes("Email=y%40example.test&Password=" + new string('b', 70 * 1024));
        using var body = new StreamContent(new MemoryStream(bytes)); // no Content-Length: the form reader's limits must catch it
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertOneWarning(before, "/account/login", 413, "limit");
    }

    [Fact]
    public async Task A_multipart_sign_in_post_over_the_reader_limit_gets_413()
    {
        var client = factory.CreateReaderClient();
        var before = factory.Logs.Warnings.Count;
        using var body = new MultipartFormDataContent { { new StringContent(new string('c', 80 * 1024)), "Password" } };

        using var response = await client.PostAsync("/account/login", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertOneWarning(before, "/account/login", 413, "reader limit");
    }

    [Fact]
    public async Task A_staff_article_save_of_a_megabyte_is_read_and_answered_by_the_form()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var before = factory.Logs.Warnings.Count;

        // 250,000 Korean characters: 2.25 MB percent-encoded, over the reader limit 100 times, under the staff one;
        // the form itself then says the body is too long and keeps what was typed.
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "A very long article",
            ["Form.BodyMarkdown"] = string.Concat(Enumerable.Repeat("가나다라마", 50_000)),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("The body is at most 200,000 characters.", page.QuerySelector(".form-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(250_000, page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim().Length);
        Assert.DoesNotContain(factory.Logs.Warnings.Skip(before), e => e.MessageTemplate.Text.StartsWith("Unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staff_form_over_the_staff_limit_gets_413()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var page = await session.PageAsync("/admin/articles/new");
        var before = factory.Logs.Warnings.Count;
        var fields = AdminSession.ReadFields((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector(EditorForm)!);
        fields.Add(new("Form.BodyMarkdown", new string('d', 9 * 1024 * 1024)));
        using var content = new FormUrlEncodedContent(fields);

        using var response = await session.Client.PostAsync("/admin/articles/new", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertOneWarning(before, "/admin/articles/new", 413, "staff limit");
    }

    [Fact]
    public async Task An_anonymous_post_to_a_staff_form_is_refused_before_its_body_is_read()
    {
        var client = factory.CreateReaderClient();
        var before = factory.Logs.Warnings.Count;
        using var body = new StringContent("Form.BodyMarkdown=" + new string('e', 2 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/admin/articles/new", body);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // to the sign-in page, as for any anonymous visit
        Assert.DoesNotContain(factory.Logs.Warnings.Skip(before), e => Scalar(e, "RequestPath") == "/admin/articles/new" && e.MessageTemplate.Text.StartsWith("Unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_s_own_size_and_form_attributes_win_over_the_reader_and_staff_rules()
    {
        var policy = Policy();
        var upload = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(
            new AuthorizeAttribute(), new RequestSizeLimitAttribute(50_000_000), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 40_000_000 }), "upload");
        var unlimited = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new DisableRequestSizeLimitAttribute()), "unlimited");
        var staff = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new AuthorizeAttribute()), "staff");
        var anonymousInStaffArea = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new AuthorizeAttribute(), new AllowAnonymousAttribute()), "open");

        Assert.Equal(50_000_000, policy.For(upload).MaxBodyBytes);
        Assert.Equal(40_000_000, policy.For(upload).Form.MultipartBodyLengthLimit);
        Assert.Null(policy.For(unlimited).MaxBodyBytes);
        Assert.Equal(8 * 1024 * 1024, policy.For(staff).MaxBodyBytes);
        Assert.Equal(4 * 1024 * 1024, policy.For(staff).Form.ValueLengthLimit);
        Assert.Equal(64 * 1024, policy.For(anonymousInStaffArea).MaxBodyBytes);
        Assert.Equal(64 * 1024, policy.For(null).MaxBodyBytes);
        Assert.Equal(64 * 1024, policy.For(null).Form.ValueLengthLimit);
    }

    [Fact]
    public async Task A_bad_request_exception_thrown_after_the_form_gets_its_own_status_and_a_warning_not_a_500()
    {
        var logs = new ListLogger();
        var middleware = new UnreadableRequests(_ => throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest), Policy(), logs);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/account/login";

        await middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal([Microsoft.Extensions.Logging.LogLevel.Warning], logs.Levels);
    }

    [Fact]
    public void Kestrel_s_server_wide_limits_are_tighter_than_its_defaults()
    {
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(15), kestrel.Limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), kestrel.Limits.KeepAliveTimeout);
        Assert.False(kestrel.AddServerHeader);
    }

    private static RequestLimitsPolicy Policy() => new(Options.Create(new RequestLimitsOptions()), Options.Create(new FormOptions()));

    private void AssertOneWarning(int before, string path, int status, string reasonContains)
    {
        var warning = Assert.Single(factory.Logs.Warnings.Skip(before), e => Scalar(e, "RequestPath") == path && e.MessageTemplate.Text.StartsWith("Unreadable", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(warning, "StatusCode"));
        Assert.Contains(reasonContains, Scalar(warning, "Reason"), StringComparison.Ordinal);
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<UnreadableRequests>
    {
        public List<Microsoft.Extensions.Logging.LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }
}
