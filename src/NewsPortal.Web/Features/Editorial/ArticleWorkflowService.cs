using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Editorial;

public enum WorkflowAction
{
    Submit,
    Publish,
    Schedule,
    Unschedule,
    Unpublish,
}

public sealed record WorkflowResult(AccessResult Access, string? Error, string? Message)
{
    public bool Succeeded => Access == AccessResult.Allowed && Error is null;
}

/// <summary>Draft → Scheduled → Published → Unpublished, and the revision history.</summary>
public sealed class ArticleWorkflowService(
    NewsPortalDbContext db,
    ArticleContentService content,
    LibraryImages libraryImages,
    ArticleChangePublisher changes,
    AuditLog audit,
    EditorialAccess access,
    PreviewLinkService previewLinks,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WorkflowResult> ApplyAsync(int articleId, WorkflowAction action, DateTime? scheduleAtUtc, Editor editor, CancellationToken cancellationToken)
    {
        var allowed = action == WorkflowAction.Submit
            ? await access.CanEditAsync(articleId, editor, cancellationToken)
            : await access.CanViewAsync(articleId, editor, cancellationToken);
        if (allowed != AccessResult.Allowed)
        {
            return new WorkflowResult(allowed, null, null);
        }
        if (action != WorkflowAction.Submit && !editor.CanPublish)
        {
            return new WorkflowResult(AccessResult.Forbidden, null, null);
        }

        var article = await db.Articles.FirstAsync(a => a.Id == articleId, cancellationToken);
        var now = Now;
        string auditAction;
        ArticleChangeKind kind;
        string message;
        switch (action)
        {
            case WorkflowAction.Submit:
                if (article.Status is not (ArticleStatus.Draft or ArticleStatus.Unpublished))
                {
                    return Fail("Only a draft can be submitted for review.");
                }
                audit.Add(editor, AuditActions.Submitted, nameof(Article), article.Id, article.Headline);
                await db.SaveChangesAsync(cancellationToken);
                return new WorkflowResult(AccessResult.Allowed, null, "Submitted for review: an editor will publish it.");

            case WorkflowAction.Publish:
                if (article.Status == ArticleStatus.Published)
                {
                    return Fail("The article is already published.");
                }
                // Republishing keeps the original date; a draft or a scheduled article goes out now.
                article.PublishedAt = article.Status == ArticleStatus.Unpublished && article.PublishedAt <= now ? article.PublishedAt : now;
                article.Status = ArticleStatus.Published;
                auditAction = AuditActions.Published;
                kind = ArticleChangeKind.Published;
                message = "Published.";
                break;

            case WorkflowAction.Schedule:
                if (scheduleAtUtc is not { } at)
                {
                    return Fail("Give the date and time (UTC) to publish at.");
                }
                if (at <= now)
                {
                    return Fail("The scheduled time must be in the future; use Publish now instead.");
                }
                if (article.Status == ArticleStatus.Published)
                {
                    return Fail("The article is already published; unpublish it first to schedule it again.");
                }
                article.Status = ArticleStatus.Scheduled;
                article.PublishedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
                auditAction = AuditActions.Scheduled;
                kind = ArticleChangeKind.Scheduled;
                message = $"Scheduled for {at.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC.";
                break;

            case WorkflowAction.Unschedule:
                if (article.Status != ArticleStatus.Scheduled)
                {
                    return Fail("The article is not scheduled.");
                }
                article.Status = ArticleStatus.Draft;
                article.PublishedAt = null;
                auditAction = AuditActions.Unscheduled;
                kind = ArticleChangeKind.Edited;
                message = "Schedule cancelled; the article is a draft again.";
                break;

            case WorkflowAction.Unpublish:
                if (article.Status != ArticleStatus.Published)
                {
                    return Fail("Only a published article can be unpublished.");
                }
                article.Status = ArticleStatus.Unpublished;
                // Share links minted while it was out would keep showing what was just withdrawn.
                await previewLinks.RevokeAllAsync(article.Id, now, cancellationToken);
                auditAction = AuditActions.Unpublished;
                kind = ArticleChangeKind.Unpublished;
                message = "Unpublished: readers no longer see it.";
                break;

            default:
                return Fail("Unknown action.");
        }

        article.UpdatedAt = now;
        article.Version = Guid.NewGuid();
        audit.Add(editor, auditAction, nameof(Article), article.Id, article.Headline);
        if (!await TrySaveAsync(cancellationToken))
        {
            return Fail(ChangedMeanwhile);
        }
        await changes.PublishAsync(new ArticleChange(article.Id, kind, await SlugsAsync(article, cancellationToken)), cancellationToken);
        return new WorkflowResult(AccessResult.Allowed, null, message);
    }

    private static WorkflowResult Fail(string error) => new(AccessResult.Allowed, error, null);

    public const string ChangedMeanwhile = "Someone else changed this article at the same time, so nothing was done. Reload it and try again.";

    /// <summary>
    /// Saves, or answers false when the article's version changed since it was loaded (another editor, the
    /// scheduler): the action was decided on what the editor saw, so it is not applied to what is there now.
    /// </summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<IReadOnlyList<string>> SlugsAsync(Article article, CancellationToken cancellationToken)
    {
        var old = await db.ArticleSlugRedirects.AsNoTracking().Where(r => r.ArticleId == article.Id).Select(r => r.Slug).ToListAsync(cancellationToken);
        return [article.Slug, .. old];
    }

    public async Task<RevisionsPage?> GetRevisionsAsync(int articleId, int? fromId, int? toId, bool canRestore, CancellationToken cancellationToken)
    {
        var headline = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Headline).FirstOrDefaultAsync(cancellationToken);
        if (headline is null)
        {
            return null;
        }
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Id)
            .Select(r => new RevisionItem(r.Id, r.Headline, r.SavedByName, r.SavedAt)).ToListAsync(cancellationToken);

        // Default comparison: the newest revision against the one before it.
        toId ??= revisions.Count > 0 ? revisions[0].Id : null;
        fromId ??= revisions.Count > 1 ? revisions[1].Id : toId;
        var from = fromId is null ? null : await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == fromId && r.ArticleId == articleId, cancellationToken);
        var to = toId is null ? null : await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == toId && r.ArticleId == articleId, cancellationToken);
        if ((fromId is not null && from is null) || (toId is not null && to is null))
        {
            return null;
        }
        return new RevisionsPage
        {
            ArticleId = articleId,
            Headline = headline,
            Revisions = revisions,
            From = revisions.FirstOrDefault(r => r.Id == from?.Id),
            To = revisions.FirstOrDefault(r => r.Id == to?.Id),
            HeadlineDiff = from is null || to is null ? [] : RevisionDiff.Lines(from.Headline, to.Headline),
            DekDiff = from is null || to is null ? [] : RevisionDiff.Lines(from.Dek, to.Dek),
            BodyDiff = from is null || to is null ? [] : RevisionDiff.Lines(from.BodyMarkdown, to.BodyMarkdown),
            CanRestore = canRestore,
        };
    }

    /// <summary>Puts a revision's headline, dek and body back as a new save (which is itself a revision).</summary>
    public async Task<WorkflowResult> RestoreAsync(int articleId, int revisionId, Editor editor, CancellationToken cancellationToken)
    {
        var allowed = await access.CanEditAsync(articleId, editor, cancellationToken);
        if (allowed != AccessResult.Allowed)
        {
            return new WorkflowResult(allowed, null, null);
        }
        var revision = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == articleId, cancellationToken);
        if (revision is null)
        {
            return new WorkflowResult(AccessResult.NotFound, null, null);
        }
        var article = await db.Articles.FirstAsync(a => a.Id == articleId, cancellationToken);
        var now = Now;
        article.Headline = revision.Headline;
        article.Dek = revision.Dek;
        article.BodyMarkdown = revision.BodyMarkdown;
        if (article.Status == ArticleStatus.Published)
        {
            article.RevisedAt = now;
        }
        article.UpdatedAt = now;
        article.Version = Guid.NewGuid();
        content.Refresh(article, await libraryImages.FindAsync(article.BodyMarkdown, cancellationToken));
        db.Revisions.Add(new Revision
        {
            ArticleId = article.Id,
            Headline = article.Headline,
            Dek = article.Dek,
            BodyMarkdown = article.BodyMarkdown,
            SavedByUserId = editor.UserId,
            SavedByName = editor.Name,
            SavedAt = now,
        });
        audit.Add(editor, AuditActions.Restored, nameof(Article), article.Id,
            $"Revision {revision.Id.ToString(CultureInfo.InvariantCulture)} of {revision.SavedAt.ToString("u", CultureInfo.InvariantCulture)}");
        if (!await TrySaveAsync(cancellationToken))
        {
            return Fail(ChangedMeanwhile);
        }
        await changes.PublishAsync(new ArticleChange(article.Id, ArticleChangeKind.Edited, await SlugsAsync(article, cancellationToken)), cancellationToken);
        return new WorkflowResult(AccessResult.Allowed, null, "Revision restored.");
    }
}
