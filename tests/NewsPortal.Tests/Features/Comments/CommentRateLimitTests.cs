using System.Net;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Comments;

public class CommentRateLimitTests(CommentLimitPortalFactory factory) : IClassFixture<CommentLimitPortalFactory>
{
    [Fact]
    public async Task The_eleventh_comment_within_a_minute_from_one_address_gets_the_friendly_429_page()
    {
        var article = await factory.NewArticleAsync();
        var reader = factory.Anonymous();
        var page = await reader.PageAsync($"/articles/{article.Slug}/comments");
        for (var i = 1; i <= 10; i++)
        {
            var response = await reader.SubmitAsync(page, "form[data-comment-form]", CommentReader.Fields($"Comment number {i}"));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var eleventh = await reader.SubmitAsync(page, "form[data-comment-form]", CommentReader.Fields("Comment number 11"));

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter is not null);
        var html = await eleventh.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", html);
        Assert.Equal(10, await factory.CountCommentsAsync(article.Id));
    }
}
