using System.Net;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Controllers;

public class CommentFormPageTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task The_comment_form_page_is_never_stored_and_logs_no_antiforgery_warning()
    {
        var client = factory.CreateReaderClient();
        var path = "/articles/pressure-mounts-for-inter-korean-detente/comments";

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        // The request's own log line arrives when the response has been sent; wait for it, then look at everything logged.
        for (var i = 0; i < 50 && !factory.Logs.All.Any(e => e.RenderMessage().Contains(path, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20);
        }
        var warnings = factory.Logs.Warnings.Where(e => e.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString().Contains("Antiforgery", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings.Select(w => w.RenderMessage())));
    }
}
