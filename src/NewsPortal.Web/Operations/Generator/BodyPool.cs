using System.Diagnostics;
using System.Globalization;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Operations.Generator;

/// <summary>
/// Distinct English and Korean bodies that the generated articles share. Rendering Markdown, excerpt
/// and key points is the expensive part of an article, so it is done once per body, in parallel.
/// </summary>
public sealed record BodyPool(GeneratedBody[] English, GeneratedBody[] Korean)
{
    public static BodyPool Build(GeneratorOptions options, ArticleContentService content, TextWriter progress)
    {
        var size = Math.Clamp(options.BodyPoolSize, 2, Math.Max(2, options.Articles));
        var koreanSize = Math.Max(1, size / 4);
        var englishSize = Math.Max(1, size - koreanSize);
        var stopwatch = Stopwatch.StartNew();
        GeneratedBody Make(int index, bool korean)
        {
            // Seeded per body, not from the shared random, so the parallel order does not matter; and not
            // with HashCode.Combine, which is salted per process and so gave other bodies on every run.
            var random = new Random(unchecked((options.Seed * 1_000_003) + (index * 2) + (korean ? 1 : 0)));
            var article = new Article { Slug = "pool", Headline = "pool", BodyMarkdown = TextBank.Body(random, korean) };
            content.Refresh(article);
            return new GeneratedBody(article.BodyMarkdown, article.BodyHtml, article.Excerpt, article.KeyPoints, article.ReadingMinutes);
        }
        var english = new GeneratedBody[englishSize];
        var korean = new GeneratedBody[koreanSize];
        Parallel.For(0, englishSize + koreanSize, index =>
        {
            if (index < englishSize)
            {
                english[index] = Make(index, korean: false);
            }
            else
            {
                korean[index - englishSize] = Make(index, korean: true);
            }
        });
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {englishSize + koreanSize:N0} distinct bodies (Markdown, HTML, excerpt, key points) in {stopwatch.Elapsed.TotalSeconds:F1} s."));
        return new BodyPool(english, korean);
    }
}
