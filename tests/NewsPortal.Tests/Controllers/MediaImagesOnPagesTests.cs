using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Controllers;

/// <summary>Reader pages show library images as responsive renditions; the demo heroes come from the library.</summary>
public class MediaImagesOnPagesTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task The_article_hero_is_an_eager_responsive_image_from_the_media_endpoint()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/articles/pressure-mounts-for-inter-korean-detente");

        var hero = page.QuerySelector("figure.hero img")!;
        Assert.Matches(@"^/media/\d+/[a-z0-9-]+-v1\?w=1280&ar=16x9$", hero.GetAttribute("src"));
        Assert.Contains("?w=320&ar=16x9 320w", hero.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Contains("?w=1920&ar=16x9 1920w", hero.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.NotNull(hero.GetAttribute("sizes"));
        Assert.Equal(("1280", "720"), (hero.GetAttribute("width"), hero.GetAttribute("height")));
        Assert.Equal("high", hero.GetAttribute("fetchpriority"));
        Assert.Null(hero.GetAttribute("loading"));
    }

    [Fact]
    public async Task The_rendition_behind_the_hero_is_served()
    {
        var client = factory.CreateClient();
        var page = await client.GetDocumentAsync("/articles/pressure-mounts-for-inter-korean-detente");
        var response = await client.GetAsync(page.QuerySelector("figure.hero img")!.GetAttribute("src"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Top_stories_and_section_cards_show_the_hero_as_a_lazy_decorative_16_9_rendition()
    {
        var client = factory.CreateClient();
        var sectionSlug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == "pressure-mounts-for-inter-korean-detente")
            .Select(a => a.Section!.Slug).SingleAsync());

        var home = await client.GetDocumentAsync("/");
        var section = await client.GetDocumentAsync($"/sections/{sectionSlug}");

        var thumbnails = home.QuerySelectorAll(".top-stories .card__image").ToList();
        var sectionImages = section.QuerySelectorAll(".card-list .card__image").ToList();
        Assert.NotEmpty(thumbnails);
        Assert.NotEmpty(sectionImages);
        foreach (var image in thumbnails.Concat(sectionImages).Where(i => i.GetAttribute("src")!.StartsWith("/media/", StringComparison.Ordinal)))
        {
            Assert.Matches(@"^/media/\d+/[a-z0-9-]+-v\d+\?w=\d+&ar=16x9$", image.GetAttribute("src"));
            Assert.Contains("&ar=16x9 640w", image.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(image.GetAttribute("sizes")));
            Assert.Equal(("640", "360"), (image.GetAttribute("width"), image.GetAttribute("height")));
            Assert.Equal("lazy", image.GetAttribute("loading"));
            Assert.Equal("", image.GetAttribute("alt"));
        }
        // The pictures are beside the headline, not links of their own: the headline link stays the one way in.
        Assert.All(thumbnails.Concat(sectionImages), i => Assert.Null(i.Closest("a")));
    }

    [Fact]
    public async Task The_home_lead_picture_is_an_eager_responsive_rendition()
    {
        var lead = (await factory.CreateClient().GetDocumentAsync("/")).QuerySelector(".lead__image");

        Assert.NotNull(lead);
        Assert.Contains("&ar=16x9 960w", lead.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal("high", lead.GetAttribute("fetchpriority"));
        Assert.Null(lead.GetAttribute("loading"));
    }
}
