using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>The signed-in newsroom member acting in the admin area, or the scheduler.</summary>
public sealed record Editor(string? UserId, string Name, bool CanPublish, bool IsAdmin, int? AuthorId)
{
    public static readonly Editor Scheduler = new(null, "Scheduler", CanPublish: true, IsAdmin: false, AuthorId: null);
}

public enum AccessResult
{
    Allowed,
    NotFound,
    Forbidden,
}

/// <summary>Who may do what to which article. Every admin action asks here, not only the UI.</summary>
public sealed class EditorialAccess(NewsPortalDbContext db)
{
    private (ClaimsPrincipal User, Editor Editor)? _current;

    /// <summary>The editor behind <paramref name="user"/>; asked once per request, however many filters and actions ask.</summary>
    public async Task<Editor> GetEditorAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_current is { } current && ReferenceEquals(current.User, user))
        {
            return current.Editor;
        }
        var editor = await LoadEditorAsync(user, cancellationToken);
        _current = (user, editor);
        return editor;
    }

    private async Task<Editor> LoadEditorAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var authorId = userId is null
            ? null
            : await db.Authors.AsNoTracking().Where(a => a.UserId == userId).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        return new Editor(
            userId,
            user.Identity?.Name ?? "unknown",
            user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Editor),
            user.IsInRole(Roles.Admin),
            authorId);
    }

    /// <summary>Publishers edit anything; an Author edits only their own articles while they are not public or scheduled.</summary>
    public async Task<AccessResult> CanEditAsync(int articleId, Editor editor, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId)
            .Select(a => new { a.AuthorId, a.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return AccessResult.NotFound;
        }
        if (editor.CanPublish)
        {
            return AccessResult.Allowed;
        }
        return editor.AuthorId == article.AuthorId && article.Status is ArticleStatus.Draft or ArticleStatus.Unpublished
            ? AccessResult.Allowed
            : AccessResult.Forbidden;
    }

    /// <summary>Reading an article's admin pages (revisions, preview): publishers, or the Author who wrote it.</summary>
    public async Task<AccessResult> CanViewAsync(int articleId, Editor editor, CancellationToken cancellationToken)
    {
        var authorId = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId)
            .Select(a => (int?)a.AuthorId)
            .FirstOrDefaultAsync(cancellationToken);
        if (authorId is null)
        {
            return AccessResult.NotFound;
        }
        return editor.CanPublish || editor.AuthorId == authorId ? AccessResult.Allowed : AccessResult.Forbidden;
    }
}

/// <summary>Writes "who did what to which entity, when"; entries are saved with the change they describe.</summary>
public sealed class AuditLog(NewsPortalDbContext db, TimeProvider clock)
{
    public void Add(Editor editor, string action, string entityType, object? entityId, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            UserId = editor.UserId,
            UserName = editor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            At = clock.GetUtcNow().UtcDateTime,
        });
}
