using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>An article's hashtags: read from the form's comma-separated list, found by name or created.</summary>
public sealed class ArticleTags(NewsPortalDbContext db)
{
    private const int MaxTags = 20;

    /// <summary>The distinct tag names typed (Latin, full-width and ideographic commas; a leading # is dropped).</summary>
    public static List<string> Parse(string? raw, Dictionary<string, string> errors)
    {
        var names = (raw ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.TrimStart('#').Trim())
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (names.Count > MaxTags)
        {
            errors["Tags"] = $"At most {MaxTags} tags.";
        }
        else if (names.FirstOrDefault(n => n.Length > 60) is { } tooLong)
        {
            errors["Tags"] = $"The tag '{tooLong[..20]}…' is longer than 60 characters.";
        }
        return names;
    }

    /// <summary>Makes the article's (tracked, tags included) hashtags exactly <paramref name="names"/>.</summary>
    public async Task ApplyAsync(Article article, List<string> names, CancellationToken cancellationToken)
    {
        var tags = new List<Tag>();
        foreach (var name in names)
        {
            tags.Add(await FindOrCreateTagAsync(db, name, cancellationToken));
        }
        article.Tags.RemoveAll(t => !tags.Any(tag => tag.Id == t.TagId && tag.Id != 0));
        foreach (var tag in tags.Where(tag => tag.Id == 0 || article.Tags.All(t => t.TagId != tag.Id)))
        {
            article.Tags.Add(new ArticleTag { Article = article, Tag = tag });
        }
    }

    /// <summary>A tag by name (case-insensitive) or a new one; names without Latin letters get a stable fallback slug.</summary>
    public static async Task<Tag> FindOrCreateTagAsync(NewsPortalDbContext db, string name, CancellationToken cancellationToken)
    {
        var local = db.Tags.Local.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (local is not null)
        {
            return local;
        }
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL; string.Equals with a comparison does not translate.
        var existing = await db.Tags.FirstOrDefaultAsync(t => t.Name.ToLower() == lower, cancellationToken);
#pragma warning restore CA1862
        if (existing is not null)
        {
            return existing;
        }
        var slug = Slugs.FromName(name, "tag");
        var candidate = slug;
        for (var n = 2; await db.Tags.AnyAsync(t => t.Slug == candidate, cancellationToken) || db.Tags.Local.Any(t => t.Slug == candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        var tag = new Tag { Name = name, Slug = candidate };
        db.Tags.Add(tag);
        return tag;
    }
}
