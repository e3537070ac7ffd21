using System.Net;
using NewsPortal.Tests.TestSupport;
using Serilog.Events;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>A Production 500 page gives the reader an id to quote, and the error log line carries the same id.</summary>
public class RequestIdTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task The_500_page_shows_the_request_id_that_the_error_log_line_carries()
    {
        using var response = await factory.CreateReaderClient().GetAsync(ProductionPortalFactory.FailingPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("A test failure on purpose", html);
        var page = await Html.ParseAsync(html);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")?.TextContent);
        var id = page.QuerySelector(".error-page__id code")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(id), "the 500 page shows no request id");

        // The request's log line is written as the request completes, which may be just after the client has read the page.
        // "Elapsed": the request log line itself ("HTTP GET /test/fail responded 500 in … ms"), not only the exception's.
        bool Logged() => factory.Logs.Errors.Any(e => Scalar(e, "RequestId") == id && Scalar(e, "RequestPath") == ProductionPortalFactory.FailingPath
            && e.Properties.ContainsKey("Elapsed"));
        for (var wait = 0; wait < 50 && !Logged(); wait++)
        {
            await Task.Delay(100);
        }
        var errors = factory.Logs.Errors;
        Assert.True(
            Logged(),
            $"no error log line with RequestId {id} for {ProductionPortalFactory.FailingPath}; errors: " +
            string.Join(" | ", errors.Select(e => e.MessageTemplate.Text + " " + string.Join(", ", e.Properties.Select(p => p.Key + "=" + p.Value)))));
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string s } ? s : null;

    [Fact]
    public async Task A_404_page_shows_no_request_id()
    {
        using var response = await factory.CreateReaderClient().GetAsync("/page-that-does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Null(page.QuerySelector(".error-page__id"));
    }
}
