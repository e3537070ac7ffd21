using SkiaSharp;

namespace NewsPortal.Web.Features.Media;

/// <summary>A fixed aspect ratio a rendition can be cut to.</summary>
public sealed record CropRatio(string Name, int Width, int Height)
{
    /// <summary>Hero and cards.</summary>
    public static readonly CropRatio Wide = new("16x9", 16, 9);

    /// <summary>Open Graph and social cards (1.91:1).</summary>
    public static readonly CropRatio OpenGraph = new("1.91x1", 191, 100);

    public static CropRatio? Parse(string? name) => name switch
    {
        "16x9" => Wide,
        "1.91x1" => OpenGraph,
        _ => null,
    };
}

/// <summary>Decoding with EXIF orientation applied, focal-point crops, resizing and re-encoding (which drops all metadata).</summary>
public static class ImageProcessing
{
    public static bool SwapsSides(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The largest rectangle of the ratio inside the image, centred on the focal point as far as the edges allow.</summary>
    public static SKRectI Crop(int width, int height, CropRatio? ratio, double focalX, double focalY)
    {
        if (ratio is null)
        {
            return new SKRectI(0, 0, width, height);
        }
        var cropWidth = width;
        var cropHeight = (int)Math.Round((double)width * ratio.Height / ratio.Width);
        if (cropHeight > height)
        {
            cropHeight = height;
            cropWidth = Math.Min(width, (int)Math.Round((double)height * ratio.Width / ratio.Height));
        }
        var left = (int)Math.Round(Math.Clamp(focalX, 0, 1) * width - cropWidth / 2.0);
        var top = (int)Math.Round(Math.Clamp(focalY, 0, 1) * height - cropHeight / 2.0);
        left = Math.Clamp(left, 0, width - cropWidth);
        top = Math.Clamp(top, 0, height - cropHeight);
        return new SKRectI(left, top, left + cropWidth, top + cropHeight);
    }

    /// <summary>Decodes the first frame upright: the EXIF orientation is applied to the pixels.</summary>
    public static SKBitmap DecodeUpright(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException("The stored original is not readable.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            decoded.Dispose();
            throw new InvalidDataException("The stored original is not readable.");
        }
        return Orient(decoded, codec.EncodedOrigin);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return source;
        }
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        };
        var swapped = SwapsSides(origin);
        var upright = new SKBitmap(new SKImageInfo(swapped ? source.Height : source.Width, swapped ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(upright))
        {
            canvas.SetMatrix(matrix);
            canvas.DrawBitmap(source, 0, 0);
        }
        source.Dispose();
        return upright;
    }

    /// <summary>
    /// Cuts <paramref name="crop"/> out of the upright image, scales it to <paramref name="width"/> (never up) and encodes it.
    /// Skia's encoders write no EXIF, XMP or ICC comments, so nothing of the upload's metadata survives.
    /// </summary>
    public static byte[] Render(SKBitmap upright, SKRectI crop, int width, int quality, bool webp)
    {
        var targetWidth = Math.Clamp(width, 1, crop.Width);
        var targetHeight = Math.Max(1, (int)Math.Round((double)crop.Height * targetWidth / crop.Width));
        using var surface = SKSurface.Create(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, webp ? SKAlphaType.Premul : SKAlphaType.Opaque))
            ?? throw new InvalidOperationException("No drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(webp ? SKColors.Transparent : SKColors.White);
        using (var subset = new SKBitmap())
        {
            upright.ExtractSubset(subset, crop);
            using var scaled = subset.Resize(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new InvalidOperationException("Resizing failed.");
            canvas.DrawBitmap(scaled, 0, 0);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(webp ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException("Encoding failed.");
        return data.ToArray();
    }
}
