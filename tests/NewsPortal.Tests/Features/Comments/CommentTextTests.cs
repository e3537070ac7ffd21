using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Tests.Features.Comments;

[Trait("Database", "None")]
public class CommentTextTests
{
    [Fact]
    public void Markup_the_reader_typed_is_encoded()
    {
        var html = CommentText.ToHtml("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Http_and_https_addresses_become_nofollow_ugc_links_and_trailing_punctuation_stays_text()
    {
        var html = CommentText.ToHtml("See https://example.com/a?b=1&c=2. Or http://example.org");
        Assert.Contains("<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">https://example.com/a?b=1&amp;c=2</a>.", html);
        Assert.Contains("<a href=\"http://example.org\" rel=\"nofollow ugc noopener\">", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("https://\"onmouseover=alert(1)")]
    [InlineData("ftp://example.com/file")]
    public void Nothing_but_http_addresses_becomes_a_link_and_no_quote_escapes_the_attribute(string body)
    {
        var html = CommentText.ToHtml(body);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.DoesNotContain("href=\"data", html);
        Assert.DoesNotContain("href=\"ftp", html);
        Assert.DoesNotContain("\"onmouseover", html);
    }

    [Fact]
    public void Line_breaks_are_kept_and_blank_lines_make_paragraphs()
    {
        Assert.Equal("<p>one<br>two</p><p>three</p>", CommentText.ToHtml("one\r\ntwo\n\n\nthree"));
    }
}
