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
}
