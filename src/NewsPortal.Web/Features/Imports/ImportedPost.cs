using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Imports;

/// <summary>One post read from a foreign export, already in the portal's terms (Markdown body, status, UTC times).</summary>
public sealed record ImportedPost
{
    /// <summary>"wordpress:{host}:{id}", "ghost:{id}", "markdown:{relative path}": how the next run finds the article again.</summary>
    public required string ImportKey { get; init; }
    public required string Headline { get; init; }

    /// <summary>The slug the post had; made safe and unique for a new article, ignored on update (the article keeps its address).</summary>
    public string? Slug { get; init; }
    public string Dek { get; init; } = "";
    public string BodyMarkdown { get; init; } = "";

    /// <summary>Null: the configured default author (<c>Imports:DefaultAuthor</c>).</summary>
    public ImportedAuthor? Author { get; init; }

    /// <summary>Null: the configured default section (<c>Imports:DefaultSection</c>).</summary>
    public ImportedSection? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public ArticleStatus Status { get; init; }

    /// <summary>UTC; null for drafts that never had a date.</summary>
    public DateTime? PublishedAt { get; init; }
    public string? HeroImageUrl { get; init; }
    public string? HeroAlt { get; init; }
    public string? HeroCaption { get; init; }

    /// <summary>Addresses the post had on the old site: paths (<c>/2024/05/slug/</c>) or WordPress id keys (<c>?p=123</c>).</summary>
    public IReadOnlyList<string> OldPermalinks { get; init; } = [];
}

/// <summary>
/// A byline from the export. Found again by the e-mail of a linked account, then by display name, then by a
/// slug made from the login; otherwise created.
/// </summary>
public sealed record ImportedAuthor(string Name, string? Login = null, string? Email = null, string? Bio = null);

/// <summary>
/// A section by slug or name. With <paramref name="CreateIfMissing"/> false (Ghost's primary tag) a section that
/// does not exist yet means "the default section" rather than a new one.
/// </summary>
public sealed record ImportedSection(string Name, string? Slug = null, bool CreateIfMissing = true);
