using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;
using SkiaSharp;

namespace NewsPortal.Tests.Features.Media;

/// <summary>GET /media/{id}/{file}: fixed widths, one resize per rendition, validators, no metadata, focal-point crops.</summary>
public class MediaRenditionTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private RenditionStats Stats => factory.Services.GetRequiredService<RenditionStats>();

    private async Task<(int Id, string Url)> UploadAsync(byte[] bytes, string name = "picture.png", string contentType = "image/png")
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = TestImages.UploadedId(await session.UploadAsync(name, bytes, contentType: contentType));
        var media = await factory.MediaAsync(id);
        return (id, MediaUrls.Path(id, media.FileName, media.Version));
    }

    private static HttpRequestMessage Get(string url, string accept = "image/avif,image/webp,*/*")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    [Theory]
    [InlineData("?w=7")]
    [InlineData("?w=500")]
    [InlineData("?w=640&q=0")]
    [InlineData("?w=640&q=101")]
    [InlineData("?w=640&q=abc")]
    [InlineData("?ar=4x3")]
    public async Task Widths_outside_the_list_and_bad_quality_are_bad_requests(string query)
    {
        var (_, url) = await UploadAsync(TestImages.Solid(50, 50, SKColors.Blue));
        var response = await factory.CreateClient().GetAsync(url + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        var response = await factory.CreateClient().GetAsync("/media/987654/nothing-v1?w=640");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_same_rendition_twice_is_resized_once_and_then_read_from_disk()
    {
        var (_, url) = await UploadAsync(TestImages.Solid(700, 400, SKColors.Green));
        var client = factory.CreateClient();
        var resizes = Stats.Resizes;
        var hits = Stats.DiskHits;

        var first = await client.SendAsync(Get(url + "?w=640"));
        var second = await client.SendAsync(Get(url + "?w=640"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/webp", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(resizes + 1, Stats.Resizes);
        Assert.Equal(hits + 1, Stats.DiskHits);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", first.Headers.Vary);
    }

    [Fact]
    public async Task Concurrent_first_requests_for_a_rendition_resize_once()
    {
        var (_, url) = await UploadAsync(TestImages.Solid(2400, 1600, SKColors.Purple));
        var client = factory.CreateClient();
        var resizes = Stats.Resizes;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Get(url + "?w=1920&ar=16x9"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(resizes + 1, Stats.Resizes);
    }

    [Fact]
    public async Task A_matching_if_none_match_is_not_modified()
    {
        var (_, url) = await UploadAsync(TestImages.Solid(300, 200, SKColors.Orange));
        var client = factory.CreateClient();
        var first = await client.SendAsync(Get(url + "?w=320"));
        var again = Get(url + "?w=320");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Jpeg_is_served_when_the_client_does_not_take_webp()
    {
        var (_, url) = await UploadAsync(TestImages.Solid(300, 200, SKColors.Orange));
        var response = await factory.CreateClient().SendAsync(Get(url + "?w=320", "image/jpeg,image/png"));
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/webp")]
    public async Task Served_copies_carry_no_exif_or_gps(string accept)
    {
        var upload = TestImages.JpegWithExif(400, 300, orientation: 1);
        Assert.True(TestImages.Contains(upload, TestImages.ExifMarker));
        var (_, url) = await UploadAsync(upload, "gps.jpg", "image/jpeg");

        foreach (var query in new[] { "", "?w=320", "?w=320&ar=1.91x1" })
        {
            var bytes = await (await factory.CreateClient().SendAsync(Get(url + query, accept))).Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 0);
            Assert.False(TestImages.Contains(bytes, TestImages.ExifMarker), $"EXIF in {url}{query}");
            Assert.False(TestImages.Contains(bytes, "EXIF"u8.ToArray()), $"WebP EXIF chunk in {url}{query}");
        }
    }

    [Fact]
    public async Task The_focal_point_moves_the_crop()
    {
        // A square: red on top, blue below. A 16:9 cut keeps the part around the focal point.
        var (id, url) = await UploadAsync(TestImages.Halves(1000, 1000, SKColors.Red, SKColors.Blue));
        var client = factory.CreateClient();

        await SetFocalAsync(id, 0.5, 0.05);
        var top = await CentreAsync(client, await CurrentUrlAsync(id) + "?w=320&ar=16x9");
        await SetFocalAsync(id, 0.5, 0.95);
        var bottom = await CentreAsync(client, await CurrentUrlAsync(id) + "?w=320&ar=16x9");

        Assert.True(top.Red > 200 && top.Blue < 60, $"top crop centre {top}");
        Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"bottom crop centre {bottom}");
        Assert.NotEqual(url, await CurrentUrlAsync(id));
    }

    private async Task SetFocalAsync(int id, double x, double y)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        var editor = new NewsPortal.Web.Features.Editorial.Editor(null, "Test", CanPublish: true, IsAdmin: true, AuthorId: null);
        var media = await factory.MediaAsync(id);
        await library.UpdateDetailsAsync(id, new MediaDetailsForm { AltText = media.AltText, FocalX = x * 100, FocalY = y * 100 }, editor, CancellationToken.None);
    }

    private async Task<string> CurrentUrlAsync(int id)
    {
        var media = await factory.MediaAsync(id);
        return MediaUrls.Path(id, media.FileName, media.Version);
    }

    private static async Task<SKColor> CentreAsync(HttpClient client, string url)
    {
        var response = await client.SendAsync(Get(url, "image/jpeg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 180), (bitmap.Width, bitmap.Height));
        return bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2);
    }
}
