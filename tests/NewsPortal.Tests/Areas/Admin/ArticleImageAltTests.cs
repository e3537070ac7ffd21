using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.Features.Media;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using SkiaSharp;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>Alt text is required before a library image can be used: the server refuses, not only the editor's script.</summary>
public class ArticleImageAltTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    private async Task<(AdminSession Session, int MediaId, string Url)> UploadAsync(string name, string? alt, int width = 40, int height = 30)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = TestImages.UploadedId(await session.UploadAsync(name, TestImages.Solid(width, height, SKColors.Teal), alt: alt));
        var media = await factory.MediaAsync(id);
        return (session, id, $"/media/{id}/{media.FileName}-v{media.Version}");
    }

    private static string FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task A_hero_from_the_library_without_any_alt_text_is_refused_on_the_field_and_keeps_what_was_typed()
    {
        var (session, _, url) = await UploadAsync("no-alt-hero.png", alt: null);
        var before = await factory.WithDbAsync(db => db.Articles.CountAsync());

        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "Hero without words",
            ["Form.BodyMarkdown"] = "A body that must survive the refusal.",
            ["Form.HeroImageUrl"] = url,
            ["Form.HeroAlt"] = "",
            ["Form.HeroCaption"] = "A caption typed by hand",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("no alt text", FieldError(page, "Form.HeroAlt"), StringComparison.Ordinal);
        Assert.Equal("Hero without words", ((IHtmlInputElement)page.QuerySelector("[name='Form.Headline']")!).Value);
        Assert.Equal(url, ((IHtmlInputElement)page.QuerySelector("[name='Form.HeroImageUrl']")!).Value);
        Assert.Equal("A caption typed by hand", ((IHtmlInputElement)page.QuerySelector("[name='Form.HeroCaption']")!).Value);
        Assert.Equal("A body that must survive the refusal.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal(before, await factory.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task A_hero_from_the_library_takes_the_images_alt_text_when_the_article_gives_none()
    {
        var (session, mediaId, url) = await UploadAsync("described-hero.png", alt: "A lighthouse at dusk");

        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "Hero with the library's words",
            ["Form.BodyMarkdown"] = "Body.",
            ["Form.HeroImageUrl"] = url,
            ["Form.HeroAlt"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Headline == "Hero with the library's words"));
        Assert.Equal(mediaId, saved.HeroMediaId);
        Assert.Equal("A lighthouse at dusk", saved.HeroAlt);
    }

    [Fact]
    public async Task A_body_image_from_the_library_without_any_alt_text_is_refused_and_the_body_stays()
    {
        var (session, _, url) = await UploadAsync("no-alt-body.png", alt: null);
        var body = $"Before the picture.\n\n![]({url}?w=960)\n\nAfter it.";

        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "Body image without words",
            ["Form.BodyMarkdown"] = body,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("no alt text", FieldError(page, "Form.BodyMarkdown"), StringComparison.Ordinal);
        Assert.Equal(body, page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Headline == "Body image without words")));
    }

    [Fact]
    public async Task The_picker_offers_an_image_without_alt_text_only_as_add_alt_text_first()
    {
        var (session, bareId, _) = await UploadAsync("picker-bare.png", alt: null);
        var described = TestImages.UploadedId(await session.UploadAsync("picker-described.png", TestImages.Solid(20, 20, SKColors.Coral), alt: "A coral square"));

        var picker = await session.PageAsync("/admin/media/picker");

        var bare = picker.QuerySelector($"a[href='/admin/media/{bareId}']")?.Closest("li");
        Assert.NotNull(bare);
        Assert.Contains("add alt text first", bare.TextContent, StringComparison.Ordinal);
        Assert.Empty(bare.QuerySelectorAll("[data-media-hero], [data-media-insert]"));
        var usable = picker.QuerySelectorAll("[data-media-hero]").Select(b => b.GetAttribute("data-alt")).ToList();
        Assert.Contains("A coral square", usable);
        Assert.DoesNotContain(picker.QuerySelectorAll("[data-media-hero], [data-media-insert]"), b => string.IsNullOrEmpty(b.GetAttribute("data-alt")));
        Assert.NotEqual(bareId, described);
    }

    [Fact]
    public async Task A_saved_body_gives_library_images_srcset_and_their_own_proportions_and_external_images_lazy_loading_only()
    {
        var (session, _, url) = await UploadAsync("body-wide.png", alt: "Harbour cranes", width: 400, height: 100);
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "Body images rendered on save",
            ["Form.BodyMarkdown"] = $"![]({url}?w=320)\n\n![A chart](https://images.example.com/chart.png)",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var html = await factory.WithDbAsync(db => db.Articles.Where(a => a.Headline == "Body images rendered on save").Select(a => a.BodyHtml).SingleAsync());
        var body = await Html.ParseAsync($"<body>{html}</body>");
        var images = body.QuerySelectorAll("img").ToList();
        Assert.Equal(2, images.Count);
        var library = images.Single(i => i.GetAttribute("src")!.StartsWith("/media/", StringComparison.Ordinal));
        Assert.Equal("Harbour cranes", library.GetAttribute("alt"));
        Assert.Contains($"{url}?w=640 640w", library.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(library.GetAttribute("sizes")));
        Assert.Equal("320", library.GetAttribute("width"));
        Assert.Equal("80", library.GetAttribute("height"));
        Assert.Equal("lazy", library.GetAttribute("loading"));
        Assert.Equal("async", library.GetAttribute("decoding"));
        var external = images.Single(i => i != library);
        Assert.Equal("lazy", external.GetAttribute("loading"));
        foreach (var name in new[] { "srcset", "sizes", "width", "height", "decoding" })
        {
            Assert.False(external.HasAttribute(name), $"external image has {name}");
        }
    }
}
