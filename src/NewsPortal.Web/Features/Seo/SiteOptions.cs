namespace NewsPortal.Web.Features.Seo;

/// <summary>The <c>Site</c> configuration section.</summary>
public sealed class SiteOptions
{
    /// <summary><c>Site:BaseUrl</c>: the public address for every absolute URL; required in Production; unset elsewhere, the request's own is used.</summary>
    public string? BaseUrl { get; set; }

    /// <summary><c>Site:Name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>Site:Description</c>.</summary>
    public string? Description { get; set; }
}
