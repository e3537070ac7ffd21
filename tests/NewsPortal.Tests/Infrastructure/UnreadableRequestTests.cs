using System.Net;
using System.Net.Http.Headers;
using NewsPortal.Tests.TestSupport;
using Serilog.Events;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>A form the server cannot read gets a real status, the error page and one warning (it used to get "HTTP/1.1 0" and no log).</summary>
public class UnreadableRequestTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task A_broken_multipart_body_gets_the_400_page_and_a_warning()
    {
        var client = factory.CreateReaderClient();
        using var body = new ByteArrayContent("--abc"u8.ToArray());
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        using var response = await client.PostAsync("/account/login", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Bad request", page.QuerySelector("h1")?.TextContent);
        AssertOneWarning("/account/login", 400);
    }

    [Fact]
    public async Task A_form_value_over_4_MiB_gets_the_413_page_and_a_warning()
    {
        var client = factory.CreateReaderClient();
        var value = new string('a', 4 * 1024 * 1024 + 1);
        using var body = new StringContent("Email=x%40example.test&Password=" + value, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/articles/any-article/comments", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Request too large", page.QuerySelector("h1")?.TextContent);
        AssertOneWarning("/articles/any-article/comments", 413);
    }

    private void AssertOneWarning(string path, int status)
    {
        var warnings = factory.Logs.Warnings.Where(e => Scalar(e, "RequestPath") == path).ToList();
        var warning = Assert.Single(warnings);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(warning, "StatusCode"));
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
