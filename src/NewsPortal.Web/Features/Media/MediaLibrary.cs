using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Media;

/// <summary>The library's pages: search and paging, one image with the articles using it, its details, and deletion.</summary>
public sealed class MediaLibrary(NewsPortalDbContext db, MediaStorage storage, MediaRenditions renditions, AuditLog audit)
{
    public const int PageSize = 24;

    /// <summary>Authors change (replace, delete) only what they uploaded; Editors and Admins anything.</summary>
    public static bool CanChange(Editor editor, string? uploadedByUserId) =>
        editor.CanPublish || editor.IsAdmin || (editor.UserId is not null && editor.UserId == uploadedByUserId);

    public async Task<MediaListPage> ListAsync(string? search, int page, Editor editor, bool withAltOnly, CancellationToken cancellationToken)
    {
        var query = db.Media.AsNoTracking();
        var text = FormText.OrNull(search);
        if (text is not null)
        {
            // Both sides lower-cased, so "boats" finds "Boats in the harbour" on either database (SQLite's LIKE ignores
            // case for Latin letters, PostgreSQL's does not).
            var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(m => EF.Functions.Like(m.AltText.ToLower(), pattern, "\\") || EF.Functions.Like((m.Caption ?? "").ToLower(), pattern, "\\")
                || EF.Functions.Like((m.Credit ?? "").ToLower(), pattern, "\\") || EF.Functions.Like(m.OriginalName.ToLower(), pattern, "\\")
                || EF.Functions.Like(m.FileName.ToLower(), pattern, "\\"));
        }
        if (withAltOnly)
        {
            query = query.Where(m => m.AltText != "");
        }
        var total = await query.CountAsync(cancellationToken);
        var pages = Paging.PageCount(total, PageSize);
        var current = Math.Clamp(page, 1, pages);
        var rows = await query.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip((current - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(m => m.Id).ToList();
        var heroes = await db.Articles.AsNoTracking()
            .Where(a => a.HeroMediaId != null && ids.Contains(a.HeroMediaId.Value))
            .OrderBy(a => a.Headline)
            .Select(a => new { MediaId = a.HeroMediaId!.Value, a.Id, a.Headline })
            .ToListAsync(cancellationToken);
        var uses = heroes.GroupBy(h => h.MediaId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MediaUse>)g.Select(h => new MediaUse(h.Id, h.Headline)).ToList());
        return new MediaListPage(rows.Select(m => ToItem(m, editor)).ToList(), uses, text, current, pages, total);
    }

    public async Task<MediaItem?> GetAsync(int id, Editor editor, CancellationToken cancellationToken)
    {
        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return media is null ? null : ToItem(media, editor);
    }

    /// <summary>Every article showing the image: as its hero, or by its address in the Markdown text.</summary>
    public Task<List<MediaUse>> UsesAsync(int id, CancellationToken cancellationToken)
    {
        var marker = $"/media/{id}/";
        return db.Articles.AsNoTracking()
            .Where(a => a.HeroMediaId == id || a.BodyMarkdown.Contains(marker))
            .OrderBy(a => a.Headline)
            .Select(a => new MediaUse(a.Id, a.Headline))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Saves alt text, caption, credit and focal point; a new focal point gives the address a new version.</summary>
    public async Task<AccessResult> UpdateDetailsAsync(int id, MediaDetailsForm form, Editor editor, CancellationToken cancellationToken)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
        {
            return AccessResult.NotFound;
        }
        var (focalX, focalY) = (media.FocalX, media.FocalY);
        Apply(media, form);
        var moved = Math.Abs(focalX - media.FocalX) > 0.0001 || Math.Abs(focalY - media.FocalY) > 0.0001;
        if (moved)
        {
            media.Version++;
        }
        audit.Add(editor, MediaAuditActions.Edited, MediaAuditActions.EntityType, media.Id, media.OriginalName);
        await db.SaveChangesAsync(cancellationToken);
        if (moved)
        {
            await RepointHeroesAsync(db, media, cancellationToken);
        }
        renditions.Forget(id);
        return AccessResult.Allowed;
    }

    public async Task<AccessResult> DeleteAsync(int id, Editor editor, CancellationToken cancellationToken)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
        {
            return AccessResult.NotFound;
        }
        if (!CanChange(editor, media.UploadedByUserId))
        {
            return AccessResult.Forbidden;
        }
        await db.Articles.Where(a => a.HeroMediaId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HeroImageUrl, (string?)null).SetProperty(a => a.HeroMediaId, (int?)null), cancellationToken);
        db.Media.Remove(media);
        audit.Add(editor, MediaAuditActions.Deleted, MediaAuditActions.EntityType, media.Id, media.OriginalName);
        await db.SaveChangesAsync(cancellationToken);
        storage.Delete(media.StoragePath);
        renditions.Forget(id);
        return AccessResult.Allowed;
    }

    internal static void Apply(Domain.Media media, MediaDetailsForm form)
    {
        media.AltText = Limit(FormText.OrNull(form.AltText), 500) ?? "";
        media.Caption = Limit(FormText.OrNull(form.Caption), 1000);
        media.Credit = Limit(FormText.OrNull(form.Credit), 300);
        media.FocalX = Percent(form.FocalX);
        media.FocalY = Percent(form.FocalY);
    }

    /// <summary>Articles with the image as hero get its new address (their old one keeps working, briefly cached).</summary>
    internal static Task<int> RepointHeroesAsync(NewsPortalDbContext db, Domain.Media media, CancellationToken cancellationToken)
    {
        var path = MediaUrls.Path(media.Id, media.FileName, media.Version);
        return db.Articles.Where(a => a.HeroMediaId == media.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HeroImageUrl, path), cancellationToken);
    }

    private static double Percent(double value) => double.IsFinite(value) ? Math.Round(Math.Clamp(value, 0, 100) / 100, 4) : 0.5;

    private static string? Limit(string? value, int max) => value is { } text && text.Length > max ? text[..max] : value;

    private static MediaItem ToItem(Domain.Media m, Editor editor) => new(
        m.Id, MediaUrls.Path(m.Id, m.FileName, m.Version), m.FileName, m.OriginalName, m.ContentType, m.Width, m.Height, m.SizeBytes,
        m.AltText, m.Caption, m.Credit, m.FocalX * 100, m.FocalY * 100, m.UploadedAt, m.UploadedBy, CanChange(editor, m.UploadedByUserId));
}
