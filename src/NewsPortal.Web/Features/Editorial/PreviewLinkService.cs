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
    /// <summary>The longest link an editor (who may publish) can mint.</summary>
    public const int EditorMaxDays = 30;

    /// <summary>The longest link an author can mint: a draft shared for a quick read, not for a month.</summary>
    public const int AuthorMaxDays = 7;

    /// <summary>How many days a link minted by <paramref name="canPublish"/> staff may last at most.</summary>
    public static int MaxDays(bool canPublish) => canPublish ? EditorMaxDays : AuthorMaxDays;

    /// <returns>The token to put in <c>/preview/{token}</c>; it is not stored and cannot be shown again.</returns>
    /// <remarks>A lifetime beyond <see cref="MaxDays"/> for this editor is cut to it; callers tell the editor first.</remarks>
    public async Task<string> CreateAsync(int articleId, TimeSpan lifetime, Editor editor, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var max = TimeSpan.FromDays(MaxDays(editor.CanPublish));
        var link = new PreviewLink
        {
            ArticleId = articleId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + (lifetime > max ? max : lifetime),
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

    /// <summary>
    /// Revokes every live link to the article (tracked, so the caller's SaveChanges commits it with the change
    /// that calls for it): an unpublished article is no longer shown through links minted before.
    /// </summary>
    public async Task RevokeAllAsync(int articleId, DateTime now, CancellationToken cancellationToken)
    {
        var live = await db.PreviewLinks.Where(p => p.ArticleId == articleId && p.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var link in live)
        {
            link.RevokedAt = now;
        }
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
