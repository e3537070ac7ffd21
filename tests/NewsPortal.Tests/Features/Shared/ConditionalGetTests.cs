using Microsoft.AspNetCore.Http;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Tests.Features.Shared;

[Trait("Database", "None")]
public class ConditionalGetTests
{
    private const string ETag = "\"abc123\"";

    private static HttpRequest Request(params string[] ifNoneMatch)
    {
        var context = new DefaultHttpContext();
        if (ifNoneMatch.Length > 0)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        return context.Request;
    }

    [Theory]
    [InlineData("\"abc123\"")]
    [InlineData("W/\"abc123\"")]
    [InlineData("\"other\", \"abc123\"")]
    [InlineData("\"other\",W/\"abc123\"")]
    [InlineData("*")]
    public void If_none_match_naming_the_current_etag_matches(string header) =>
        Assert.True(ConditionalGet.Matches(Request(header), ETag));

    [Theory]
    [InlineData("\"other\"")]
    [InlineData("\"abc1234\"")]
    [InlineData("\"abc12\"")]
    [InlineData("")]
    public void Other_or_empty_validators_do_not_match(string header) =>
        Assert.False(ConditionalGet.Matches(Request(header), ETag));

    [Fact]
    public void A_request_without_if_none_match_does_not_match() =>
        Assert.False(ConditionalGet.Matches(Request(), ETag));

    [Fact]
    public void Several_if_none_match_headers_are_read_together() =>
        Assert.True(ConditionalGet.Matches(Request("\"other\"", "\"abc123\""), ETag));

    [Fact]
    public void Matching_only_reads_the_request()
    {
        var request = Request(ETag);

        ConditionalGet.Matches(request, ETag);

        Assert.Empty(request.HttpContext.Response.Headers);
    }
}
