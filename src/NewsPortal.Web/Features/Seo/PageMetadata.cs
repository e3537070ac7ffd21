using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Seo;

/// <summary>What an article page adds to the head: Open Graph article facts and JSON-LD.</summary>
public sealed record ArticleMetadata(
    string CanonicalUrl,
    string? ImageUrl,
    string? ImageAlt,
    DateTime PublishedAt,
    DateTime ModifiedAt,
    string AuthorUrl,
    string SectionName,
    IReadOnlyList<string> Tags,
    string JsonLd,
    int? ImageWidth = null,
    int? ImageHeight = null);

public static class PageMetadata
{
    // The default encoder escapes <, >, & and quotes as \uXXXX, so the JSON can never close its
    // <script> element; letters of every script stay readable.
    private static readonly JsonSerializerOptions JsonLdOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static ArticleMetadata ForArticle(ArticlePage article, SiteUrls urls, HttpRequest request)
    {
        var pageUrl = urls.Absolute(request, "/articles/" + article.Slug);
        var canonical = article.OriginalUrl ?? pageUrl;
        var image = article.HeroImageUrl is null ? null : urls.Absolute(request, article.HeroImageUrl);
        JsonNode? structuredImage = image is null ? null : new JsonArray(image);
        int? imageWidth = null, imageHeight = null;
        if (MediaUrls.IsLibrary(article.HeroImageUrl))
        {
            // Library heroes: Open Graph gets the 1.91:1 crop, JSON-LD the 16:9 one, each with its size.
            const int width = 1280;
            image = urls.Absolute(request, MediaUrls.Rendition(article.HeroImageUrl!, width, CropRatio.OpenGraph));
            (imageWidth, imageHeight) = (width, MediaUrls.HeightAt(width, CropRatio.OpenGraph));
            structuredImage = new JsonArray(new JsonObject
            {
                ["@type"] = "ImageObject",
                ["url"] = urls.Absolute(request, MediaUrls.Rendition(article.HeroImageUrl!, width, CropRatio.Wide)),
                ["width"] = width,
                ["height"] = MediaUrls.HeightAt(width, CropRatio.Wide),
            });
        }
        var modified = article.RevisedAt is { } revised && revised > article.PublishedAt ? revised : article.PublishedAt;
        var authorUrl = urls.Absolute(request, "/authors/" + article.AuthorSlug);
        var tags = article.Tags.Select(t => t.Name).ToList();

        var jsonLd = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = pageUrl },
            ["url"] = pageUrl,
            ["headline"] = article.Headline,
            ["description"] = string.IsNullOrEmpty(article.Dek) ? article.Excerpt : article.Dek,
            ["datePublished"] = Iso(article.PublishedAt),
            ["dateModified"] = Iso(modified),
            ["inLanguage"] = article.Language,
            // Every approved comment, as the page's heading counts them, not only the first page of them it shows.
            ["commentCount"] = article.CommentCount,
            ["articleSection"] = article.SectionName,
            ["author"] = new JsonArray(new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = article.AuthorName,
                ["url"] = authorUrl,
            }),
            ["publisher"] = new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = urls.Name,
                ["url"] = urls.Base(request) + "/",
                ["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = urls.Absolute(request, "/favicon.ico") },
            },
        };
        if (structuredImage is not null)
        {
            jsonLd["image"] = structuredImage;
        }
        if (tags.Count > 0)
        {
            jsonLd["keywords"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        if (article.OriginalUrl is not null)
        {
            jsonLd["isBasedOn"] = article.OriginalUrl;
        }
        if (article.SourceName is not null)
        {
            jsonLd["sourceOrganization"] = new JsonObject { ["@type"] = "Organization", ["name"] = article.SourceName };
        }

        return new ArticleMetadata(canonical, image, article.HeroAlt, article.PublishedAt, modified, authorUrl,
            article.SectionName, tags, jsonLd.ToJsonString(JsonLdOptions), imageWidth, imageHeight);
    }

    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
