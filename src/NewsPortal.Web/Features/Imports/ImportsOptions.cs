namespace NewsPortal.Web.Features.Imports;

/// <summary>The <c>Imports</c> configuration section.</summary>
public sealed class ImportsOptions
{
    /// <summary><c>Imports:DefaultSection</c>: the section (by name or slug, created when missing) for posts without a category.</summary>
    public string DefaultSection { get; set; } = "News";

    /// <summary><c>Imports:DefaultAuthor</c>: the byline (created when missing) for posts that name no author.</summary>
    public string DefaultAuthor { get; set; } = "Staff";

    /// <summary>
    /// <c>Imports:OldSiteUrl</c>: the old site's address (https://blog.example.com), for relative links and images and
    /// Ghost's <c>__GHOST_URL__</c> placeholder. Unset: a WordPress export's own channel link; Ghost's relative images are dropped.
    /// </summary>
    public string? OldSiteUrl { get; set; }
}
