using AngleSharp.Dom;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Tests.Features.Markdown;

[Trait("Database", "None")]
public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    private async Task<IDocument> RenderAsync(string markdown) =>
        await Html.ParseAsync($"<body><div id=body>{_renderer.ToSafeHtml(markdown)}</div></body>");

    [Fact]
    public async Task Hostile_markdown_renders_with_nothing_active()
    {
        var markdown = string.Join("\n\n",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "text{onclick=alert(1)}",
            "# Heading {onclick=alert(1)}",
            "![x](data:text/html,<script>alert(1)</script>)",
            "[y](JaVaScRiPt:alert(1))",
            "[z](vbscript:msgbox(1))",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<a href=\"javascript:alert(1)\">raw</a>",
            "<svg onload=alert(1)>");

        var document = await RenderAsync(markdown);

        Assert.Empty(document.QuerySelectorAll("script, iframe, svg, object, embed, style"));
        foreach (var element in document.QuerySelectorAll("#body *"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("vbscript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.False(attribute.Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} {attribute.Name}={attribute.Value}");
                Assert.NotEqual("style", attribute.Name);
            }
        }
    }

    [Fact]
    public async Task Raw_html_shows_as_text_rather_than_markup()
    {
        var document = await RenderAsync("<b>bold?</b> and <script>alert(1)</script>");

        Assert.Empty(document.QuerySelectorAll("#body b, #body script"));
        Assert.Contains("<b>bold?</b>", document.QuerySelector("#body")!.TextContent);
    }

    [Fact]
    public async Task Headings_keep_their_anchor_ids_and_start_below_the_page_headline()
    {
        var document = await RenderAsync("# Big picture\n\n## The road ahead\n\ntext");

        Assert.Empty(document.QuerySelectorAll("#body h1"));
        var headings = document.QuerySelectorAll("#body h2");
        Assert.Equal(["big-picture", "the-road-ahead"], headings.Select(h => h.Id));
    }

    [Fact]
    public async Task Ordinary_markdown_keeps_links_emphasis_lists_and_quotes()
    {
        var document = await RenderAsync("Read *this* and **that** at [Yonhap](https://en.yna.co.kr).\n\n> A quote\n\n- one\n- two\n\n![Chart](https://example.org/chart.png \"Chart\")");

        var link = document.QuerySelector("#body a")!;
        Assert.Equal("https://en.yna.co.kr", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.NotNull(document.QuerySelector("#body em"));
        Assert.NotNull(document.QuerySelector("#body strong"));
        Assert.NotNull(document.QuerySelector("#body blockquote"));
        Assert.Equal(2, document.QuerySelectorAll("#body li").Length);
        Assert.Equal("Chart", document.QuerySelector("#body img")!.GetAttribute("alt"));
    }

    [Fact]
    public void Plain_text_has_no_html_entities()
    {
        var text = _renderer.ToPlainText("Kim's 'bromance' & \"deal\" <3");

        Assert.Equal("Kim's ‘bromance’ & “deal” <3", text);
    }

    [Fact]
    public async Task A_library_image_gets_its_srcset_sizes_and_the_records_proportions()
    {
        var images = new Dictionary<int, LibraryImage> { [7] = new(7, 1600, 1200, "Rice terraces") };
        var html = _renderer.ToSafeHtml("![](/media/7/terraces-v2?w=960 \"Terraces\")", images);
        var image = (await Html.ParseAsync($"<body>{html}</body>")).QuerySelector("img")!;

        Assert.Equal("/media/7/terraces-v2?w=960", image.GetAttribute("src"));
        Assert.Equal(MediaUrls.Srcset("/media/7/terraces-v2", null), image.GetAttribute("srcset"));
        Assert.Equal(MarkdownRenderer.BodyImageSizes, image.GetAttribute("sizes"));
        Assert.Equal(("960", "720"), (image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Equal("Rice terraces", image.GetAttribute("alt"));
        Assert.Equal(("lazy", "async"), (image.GetAttribute("loading"), image.GetAttribute("decoding")));
    }

    [Fact]
    public async Task A_library_image_keeps_the_alt_text_written_in_markdown_and_never_claims_more_pixels_than_it_has()
    {
        var images = new Dictionary<int, LibraryImage> { [3] = new(3, 500, 250, "Library words") };
        var image = (await RenderAsync("![Typed words](/media/3/small-v1?w=1920)")).QuerySelector("img")!;
        var sized = (await Html.ParseAsync($"<body>{_renderer.ToSafeHtml("![Typed words](/media/3/small-v1?w=1920)", images)}</body>")).QuerySelector("img")!;

        Assert.Equal("Typed words", sized.GetAttribute("alt"));
        Assert.Equal(("500", "250"), (sized.GetAttribute("width"), sized.GetAttribute("height")));
        // Rendered without the media records (an import), the image still gets its srcset, but no invented size.
        Assert.NotNull(image.GetAttribute("srcset"));
        Assert.False(image.HasAttribute("width"));
    }

    [Fact]
    public async Task External_and_look_alike_images_get_lazy_loading_and_nothing_else()
    {
        var document = await RenderAsync(string.Join("\n\n",
            "![a](https://cdn.example.com/media/1/x-v1.png)",
            "![b](/media/1/../../etc/passwd)",
            "![c](//evil.example/media/1/x-v1)"));

        foreach (var image in document.QuerySelectorAll("#body img"))
        {
            Assert.Equal("lazy", image.GetAttribute("loading"));
            foreach (var name in new[] { "srcset", "sizes", "width", "height", "decoding" })
            {
                Assert.False(image.HasAttribute(name), $"{image.GetAttribute("src")} has {name}");
            }
        }
    }

    [Fact]
    public async Task Image_attributes_typed_as_markdown_text_never_become_attributes()
    {
        var document = await RenderAsync("![x](/media/1/a-v1 \"t\" srcset=\"javascript:alert(1) 1w\")\n\n![y](/media/1/a-v1){srcset=javascript:alert(1) width=9}");

        foreach (var element in document.QuerySelectorAll("#body *"))
        {
            Assert.DoesNotContain("javascript:", element.GetAttribute("srcset") ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("9", element.GetAttribute("width"));
        }
    }
}
