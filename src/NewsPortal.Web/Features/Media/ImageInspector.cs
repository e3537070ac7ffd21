using SkiaSharp;

namespace NewsPortal.Web.Features.Media;

/// <summary>A format the library accepts, named by what the bytes are, not by the file's name.</summary>
public sealed record ImageFormat(string ContentType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", ".jpg");
    public static readonly ImageFormat Png = new("image/png", ".png");
    public static readonly ImageFormat Webp = new("image/webp", ".webp");
    public static readonly ImageFormat Gif = new("image/gif", ".gif");

    public static ImageFormat? From(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => Jpeg,
        SKEncodedImageFormat.Png => Png,
        SKEncodedImageFormat.Webp => Webp,
        SKEncodedImageFormat.Gif => Gif,
        _ => null,
    };
}

/// <summary>What an upload turned out to be: its format and its size once EXIF orientation is applied.</summary>
public sealed record InspectedImage(ImageFormat Format, int Width, int Height);

/// <summary>
/// Decides by content whether bytes are an image the library takes: the header names a JPEG, PNG, WebP or GIF,
/// its declared pixels are within the limit (read before anything is decoded, against decompression bombs),
/// and then the whole image decodes without error (a truncated file is refused).
/// </summary>
public static class ImageInspector
{
    public const string NotAnImage = "This file is not an image this site can use: upload a JPEG, PNG, WebP or GIF.";
    public const string Damaged = "This image is damaged or incomplete and cannot be read; export it again and upload the new file.";

    public static InspectedImage? Inspect(ReadOnlySpan<byte> bytes, long maxPixels, out string? error)
    {
        error = null;
        using var data = SKData.CreateCopy(bytes);
        using var codec = data is null ? null : SKCodec.Create(data);
        if (codec is null || ImageFormat.From(codec.EncodedFormat) is not { } format)
        {
            error = codec is null && StartsLikeAnImage(bytes) ? Damaged : NotAnImage;
            return null;
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            error = NotAnImage;
            return null;
        }
        if ((long)info.Width * info.Height > maxPixels)
        {
            error = $"This image is {info.Width:N0} × {info.Height:N0} pixels; the limit is {maxPixels / 1_000_000.0:0.#} megapixels. Make it smaller and upload it again.";
            return null;
        }
        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            error = Damaged;
            return null;
        }
        var swapped = ImageProcessing.SwapsSides(codec.EncodedOrigin);
        return new InspectedImage(format, swapped ? info.Height : info.Width, swapped ? info.Width : info.Height);
    }

    /// <summary>The first bytes of a JPEG, PNG, GIF or WebP: a file that starts so but does not open is damaged, not foreign.</summary>
    private static bool StartsLikeAnImage(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || bytes.StartsWith("GIF8"u8) || (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8));
}
