using System.Net;
using System.Net.Http.Headers;
using NewsPortal.Tests.Features.Media;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;
using SkiaSharp;

namespace NewsPortal.Tests.Features.Replicas;

/// <summary>Two replicas sharing one database and one <c>Media:Root</c> volume: each serves every image the other took in.</summary>
public sealed class MediaReplicaTests : IDisposable
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), "newsportal-tests", "shared-media-" + Guid.NewGuid().ToString("N"));
    private readonly ReplicaPair _replicas;

    public MediaReplicaTests()
    {
        _replicas = new ReplicaPair(redis: null, outputCache: false, settings: new Dictionary<string, string?> { ["Media:Root"] = _media });
    }

    public void Dispose()
    {
        _replicas.Dispose();
        try
        {
            Directory.Delete(_media, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    [Fact]
    public async Task An_image_uploaded_and_then_replaced_on_one_replica_is_served_by_the_other_in_its_new_version_at_once()
    {
        var editor = await _replicas.A.CreateUserAsync(Roles.Editor);
        var onA = await _replicas.A.SignInAsync(editor);
        var id = TestImages.UploadedId(await onA.UploadAsync("red.png", TestImages.Solid(800, 600, SKColors.Red)));
        var first = await _replicas.A.MediaAsync(id);
        using var reader = _replicas.B.CreateReaderClient();

        var before = await reader.GetAsync(MediaUrls.Rendition(MediaUrls.Path(id, first.FileName, first.Version), 320));
        var replaced = await ReplaceAsync(onA, id, TestImages.Solid(800, 600, SKColors.Blue));
        var second = await _replicas.A.MediaAsync(id);
        // B still remembers the first version's facts (kept in memory for a minute); the new address must work anyway.
        var after = await reader.GetAsync(MediaUrls.Rendition(MediaUrls.Path(id, second.FileName, second.Version), 320));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains($"v{second.Version}-", after.Headers.ETag?.Tag ?? "");
        using var bitmap = SKBitmap.Decode(await after.Content.ReadAsByteArrayAsync());
        var pixel = bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2);
        Assert.True(pixel.Blue > 200 && pixel.Red < 60, $"B served the old image: {pixel}");
    }

    private static async Task<HttpResponseMessage> ReplaceAsync(AdminSession session, int id, byte[] bytes)
    {
        var page = await session.PageAsync($"/admin/media/{id}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AdminSession.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        content.Add(file, "file", "blue.png");
        return await session.Client.PostAsync($"/admin/media/{id}/replace", content);
    }
}
