using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;
using SkiaSharp;

namespace NewsPortal.Tests.Features.Media;

/// <summary>A host whose upload limit is small enough to cross in a test.</summary>
public sealed class SmallUploadsFactory() : NewsPortalFactory(new PortalOptions
{
    DemoContent = false,
    Settings = new Dictionary<string, string?> { ["Media:MaxUploadBytes"] = "4000" },
});

/// <summary>Uploads are judged by their bytes, stored under server names inside Media:Root, and refusals leave nothing behind.</summary>
public class MediaUploadTests(SmallUploadsFactory factory) : IClassFixture<SmallUploadsFactory>
{
    private string Root => factory.Services.GetRequiredService<MediaStorage>().Root;

    private async Task<AdminSession> AdminAsync() => await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));

    [Fact]
    public async Task A_png_named_jpg_is_stored_as_png()
    {
        var session = await AdminAsync();
        var id = TestImages.UploadedId(await session.UploadAsync("photo.jpg", TestImages.Solid(40, 30, SKColors.Teal), contentType: "image/jpeg"));

        var media = await factory.MediaAsync(id);
        Assert.Equal("image/png", media.ContentType);
        Assert.EndsWith(".png", media.StoragePath, StringComparison.Ordinal);
        Assert.Equal((40, 30), (media.Width, media.Height));
        Assert.True(File.Exists(Path.Combine(Root, media.StoragePath)));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "text", "notes.png", "not an image" },
        { "truncated", "cut.jpg", "damaged or incomplete" },
        { "bomb", "bomb.png", "30,000 × 30,000 pixels" },
        { "oversize", "big.png", "larger than the limit" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_files_get_a_clear_message_and_leave_nothing_on_disk_or_in_the_database(string kind, string fileName, string message)
    {
        var bytes = kind switch
        {
            "text" => "This is not a picture, only words.\n"u8.ToArray(),
            "truncated" => TestImages.Noise(40, 30) is var jpeg ? jpeg[..(jpeg.Length * 2 / 3)] : [],
            "bomb" => TestImages.PngDeclaring(30000, 30000),
            _ => Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray(),
        };
        var session = await AdminAsync();
        var filesBefore = TestImages.Count(Root);
        var rowsBefore = await factory.WithDbAsync(db => db.Media.CountAsync());

        var response = await session.UploadAsync(fileName, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(filesBefore, TestImages.Count(Root));
        Assert.Equal(rowsBefore, await factory.WithDbAsync(db => db.Media.CountAsync()));
    }

    [Fact]
    public async Task A_typed_path_cannot_leave_the_media_root()
    {
        var session = await AdminAsync();
        var id = TestImages.UploadedId(await session.UploadAsync("../../etc/passwd.png", TestImages.Solid(10, 10, SKColors.Red)));

        var media = await factory.MediaAsync(id);
        var stored = Path.GetFullPath(Path.Combine(Root, media.StoragePath));
        Assert.StartsWith(Root + Path.DirectorySeparatorChar, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", media.StoragePath, StringComparison.Ordinal);
        Assert.Equal("passwd", media.FileName);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(Root, "../../etc/passwd.png"))));
        Assert.Throws<InvalidOperationException>(() => factory.Services.GetRequiredService<MediaStorage>().FullPath("../../etc/passwd.png"));
    }

    [Fact]
    public async Task The_exif_orientation_is_applied_to_the_stored_size()
    {
        var session = await AdminAsync();
        // Orientation 6: the camera was turned; the upright picture is 20 wide and 40 high.
        var id = TestImages.UploadedId(await session.UploadAsync("turned.jpg", TestImages.JpegWithExif(40, 20, orientation: 6), contentType: "image/jpeg"));

        var media = await factory.MediaAsync(id);
        Assert.Equal((20, 40), (media.Width, media.Height));
    }
}
