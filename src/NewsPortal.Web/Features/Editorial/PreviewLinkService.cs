using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>
/// Share links for unpublished articles: a random 256-bit token that only the link holds (the database keeps
/// its SHA-256), with an expiry and a revoke switch.
/// </summary>
public sealed class PreviewLinkService(NewsPortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    /// <returns>The token to put in <c>/preview/{token}</c>; it is not stored and cannot be shown again.</returns>
    public async Task<string> CreateAsync(int articleId, TimeSpan lifetime, Editor editor, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var link = new PreviewLink
        {
            ArticleId = articleId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + (lifetime > MaxLifetime ? MaxLifetime : lifetime),
            CreatedBy = editor.Name,
        };
        db.PreviewLinks.Add(link);
        audit.Add(editor, "Created preview link", nameof(Article), articleId, $"Expires {link.ExpiresAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> RevokeAsync(int articleId, int linkId, Editor editor, CancellationToken cancellationToken)
    {
        var link = await db.PreviewLinks.FirstOrDefaultAsync(p => p.Id == linkId && p.ArticleId == articleId, cancellationToken);
        if (link is null)
        {
            return false;
        }
        link.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Add(editor, "Revoked preview link", nameof(Article), articleId, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The article a live link shows, or null when the token is unknown, expired or revoked.</summary>
    public async Task<int?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.PreviewLinks.AsNoTracking()
            .Where(p => p.TokenHash == hash && p.RevokedAt == null && p.ExpiresAt > now)
            .Select(p => (int?)p.ArticleId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
