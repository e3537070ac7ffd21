using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Tests.Features.Markdown;

[Trait("Database", "None")]
public class HtmlToMarkdownTests
{
    private static readonly Uri Page = new("https://partner.example/news/2026/story.html");

    [Fact]
    public void Headings_paragraphs_emphasis_and_links_become_the_markdown_an_editor_would_type()
    {
        var markdown = HtmlToMarkdown.Convert(
            "<h2>Markets</h2><p>Stocks <strong>rose</strong> and <em>bonds</em> fell, <a href=\"/markets\">see more</a>.</p><p>Line one<br>line two</p>",
            Page);

        Assert.Equal("## Markets\n\nStocks **rose** and *bonds* fell, [see more](https://partner.example/markets).\n\nLine one\\\nline two", markdown);
    }

    [Fact]
    public void Lists_quotes_code_and_tables_keep_their_shape()
    {
        var markdown = HtmlToMarkdown.Convert(
            "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol start=\"3\"><li>third</li></ol>" +
            "<blockquote><p>Quoted</p><p>twice</p></blockquote><pre><code class=\"language-js\">a = `b`;</code></pre>" +
            "<table><tr><th>City</th><th>Rain</th></tr><tr><td>Seoul</td><td>12 | mm</td></tr></table>");

        Assert.Equal(
            "- one\n- two\n\n  - inner\n\n3. third\n\n> Quoted\n>\n> twice\n\n```js\na = `b`;\n```\n\n| City | Rain |\n| --- | --- |\n| Seoul | 12 \\| mm |",
            markdown);
    }

    [Fact]
    public void Scripts_styles_forms_and_unsafe_addresses_leave_nothing_behind()
    {
        var markdown = HtmlToMarkdown.Convert(
            "<p>Safe<script>alert(1)</script><style>p{}</style></p><form><input value=x></form>" +
            "<p><a href=\"javascript:alert(1)\">click</a> <img src=\"data:image/png;base64,AAAA\" alt=a onerror=\"alert(1)\"></p>" +
            "<p onclick=\"alert(1)\">&lt;img src=x onerror=alert(1)&gt;</p>");

        Assert.DoesNotContain("alert(1)</", markdown);
        Assert.DoesNotContain("javascript:", markdown);
        Assert.DoesNotContain("data:", markdown);
        Assert.Contains("Safe", markdown);
        Assert.Contains("click", markdown);

        // Text that looked like markup stays text when the Markdown is rendered.
        var html = new MarkdownRenderer().ToSafeHtml(markdown);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<img src=\"x\"", html);
    }

    [Fact]
    public void Images_resolve_against_the_page_and_embeds_become_links()
    {
        var markdown = HtmlToMarkdown.Convert(
            "<figure><img src=\"../img/flood.jpg\" alt=\"Flooded street\"><figcaption>A street in Busan</figcaption></figure>" +
            "<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>",
            Page);

        Assert.Equal(
            "![Flooded street](https://partner.example/news/img/flood.jpg)\n\n*A street in Busan*\n\n[Embedded content: www.youtube.com](https://www.youtube.com/embed/abc)",
            markdown);
    }

    [Fact]
    public void Text_that_markdown_would_read_as_markup_is_escaped()
    {
        var markdown = HtmlToMarkdown.Convert("<p>1. not a list and *not* emphasis</p><p># not a heading</p>");

        var html = new MarkdownRenderer().ToSafeHtml(markdown);
        Assert.DoesNotContain("<ol", html);
        Assert.DoesNotContain("<em>", html);
        Assert.DoesNotContain("<h", html);
        Assert.Contains("1. not a list and *not* emphasis", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void Gutenberg_comments_and_empty_input_give_clean_output()
    {
        Assert.Equal("", HtmlToMarkdown.Convert(null));
        Assert.Equal("", HtmlToMarkdown.Convert("   "));
        Assert.Equal("Hello", HtmlToMarkdown.Convert("<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->"));
    }
}
