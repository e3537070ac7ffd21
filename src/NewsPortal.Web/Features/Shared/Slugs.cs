using System.Security.Cryptography;
using System.Text;

namespace NewsPortal.Web.Features.Shared;

/// <summary>The one rule for slugs typed by editors or made from names.</summary>
public static class Slugs
{
    public const string Rule = "A slug uses lowercase letters a–z, digits and single hyphens, e.g. pressure-mounts-on-detente.";

    /// <summary>A slug made from a name; names without Latin letters or digits (Korean) get "{prefix}-" and a stable hash.</summary>
    public static string FromName(string name, string fallbackPrefix)
    {
        var slug = ArticleText.Slugify(name);
        if (slug.Length > 0)
        {
            return slug;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.Normalize(NormalizationForm.FormC)));
        return fallbackPrefix + "-" + Convert.ToHexStringLower(hash)[..10];
    }

    /// <summary>The slug an editor typed, lowercased and trimmed; null when nothing was typed.</summary>
    public static string? Typed(string? typed) => typed?.Trim().ToLowerInvariant() is { Length: > 0 } slug ? slug : null;
}
