using System.Net.Http.Headers;
using NewsPortal.Tests.TestSupport;
using SkiaSharp;

namespace NewsPortal.Tests.Features.Media;

/// <summary>Images made in the test: plain colours, two-colour halves, and JPEGs carrying an EXIF block.</summary>
public static class TestImages
{
    public static byte[] Solid(int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    /// <summary>A JPEG of random pixels, so most of its bytes are image data after the header.</summary>
    public static byte[] Noise(int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    /// <summary>Top half <paramref name="top"/>, bottom half <paramref name="bottom"/>.</summary>
    public static byte[] Halves(int width, int height, SKColor top, SKColor bottom)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Color = top };
            canvas.Clear(bottom);
            canvas.DrawRect(0, 0, width, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    public static readonly byte[] ExifMarker = "Exif\0\0"u8.ToArray();

    /// <summary>A JPEG with an APP1 EXIF block: an orientation and a GPS IFD with latitude ref "N".</summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation)
    {
        var jpeg = Solid(width, height, SKColors.OrangeRed, SKEncodedImageFormat.Jpeg);
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: two entries (orientation, GPS IFD pointer), then next-IFD 0. GPS IFD at 8 + 2 + 24 + 4 = 38.
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);
        U16(0x8825); U16(4); U32(1); U32(38);
        U32(0);
        // GPS IFD: GPSVersionID 2.2.0.0, GPSLatitudeRef "N".
        U16(2);
        U16(0x0000); U16(1); U32(4); tiff.AddRange(new byte[] { 2, 2, 0, 0 });
        U16(0x0001); U16(2); U32(2); tiff.AddRange(new byte[] { (byte)'N', 0, 0, 0 });
        U32(0);
        var payload = ExifMarker.Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2) };
        segment.AddRange(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A valid PNG signature and header declaring the size, with almost no pixel data: a decompression bomb's shape.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var real = Solid(8, 8, SKColors.Black);
        var bytes = (byte[])real.Clone();
        // IHDR data starts at 16: width and height, big-endian. The CRC no longer matches; Skia reads the size first.
        WriteBigEndian(bytes, 16, width);
        WriteBigEndian(bytes, 20, height);
        FixCrc(bytes, 12, 17);
        return bytes;
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public static int Count(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;

    /// <summary>Posts files through the library's real upload form, with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this AdminSession session, string fileName, byte[] bytes, string? alt = "A test image", string contentType = "image/png")
    {
        var page = await session.PageAsync("/admin/media");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AdminSession.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(alt ?? ""), "AltText" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Add(file, "files", fileName);
        return await session.Client.PostAsync("/admin/media/upload", content);
    }

    public static int UploadedId(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return int.Parse(location.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<Web.Domain.Media> MediaAsync(this NewsPortalFactory factory, int id) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Media, m => m.Id == id));

    private static void WriteBigEndian(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }

    private static void FixCrc(byte[] bytes, int start, int length)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes.AsSpan(start, length))
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        WriteBigEndian(bytes, start + length, (int)~crc);
    }
}
