using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// Lets a reader see their own comments "awaiting moderation": a cookie, scoped to the article's path,
/// holding the protected ids of the comments this browser posted there. Nothing about the reader is stored.
/// A request carrying it skips the output cache (<c>ReaderPagePolicy</c>), so everyone else keeps the cached page.
/// </summary>
public sealed class ReaderCommentCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "newsportal.comments";
    private const int MaxIds = 20;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = protection.CreateProtector("NewsPortal.Comments.OwnPending.v1");

    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(Name);

    public IReadOnlyList<int> Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value) || value.Length > 2000)
        {
            return [];
        }
        try
        {
            var parts = _protector.Unprotect(value).Split('.');
            if (parts.Length < 1 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
                || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) > Lifetime)
            {
                return [];
            }
            return parts.Skip(1).Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    /// <summary>Adds <paramref name="commentId"/> to the cookie of the article at <paramref name="slug"/>.</summary>
    public void Append(HttpContext context, string slug, int commentId)
    {
        var ids = Read(context.Request).Append(commentId).Distinct().TakeLast(MaxIds);
        var now = clock.GetUtcNow();
        var payload = string.Join('.', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).Prepend(now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        context.Response.Cookies.Append(Name, _protector.Protect(payload), new CookieOptions
        {
            Path = "/articles/" + slug,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = Lifetime,
        });
    }
}
