using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Markdown;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Sources;

/// <summary>What one poll of one source did.</summary>
public sealed record PollOutcome(string SourceSlug, string SourceName, int Added, int Updated, int Unchanged, bool NotModified, string? Error, IReadOnlyList<string> ItemErrors)
{
    public bool Succeeded => Error is null;

    public static PollOutcome Failed(string slug, string name, string error) => new(slug, name, 0, 0, 0, false, error, []);

    /// <summary>One line for the admin's flash message and the <c>ingest</c> command.</summary>
    public string Describe()
    {
        if (Error is not null)
        {
            return $"{SourceName}: the poll failed: {Error}";
        }
        if (NotModified)
        {
            return $"{SourceName}: the feed has not changed since the last poll.";
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"{SourceName}: {Added} added, {Updated} updated, {Unchanged} unchanged");
        return ItemErrors.Count == 0 ? text + "." : string.Create(CultureInfo.InvariantCulture, $"{text}, {ItemErrors.Count} not saved ({ItemErrors[0]}).");
    }
}

/// <summary>
/// Polls one partner feed and files its items as articles: new items are created in the source's default
/// section and author (draft or published as the source says), items whose headline or text changed since
/// the feed last gave them are updated, the rest are left alone. Every write goes through the editor's
/// own save path (<see cref="ArticleSaveService"/>, <see cref="ArticleWorkflowService"/>), so bodies are
/// rendered, indexed, revised, audited and evicted like typed ones. An item is found again by its import key
/// "feed:{sourceId}:{guid or link}" and, failing that, by its link (<see cref="Article.OriginalUrl"/>).
/// </summary>
public sealed partial class FeedIngester(
    NewsPortalDbContext db,
    SafeFeedFetcher fetcher,
    ArticleSaveService saves,
    ArticleFormService forms,
    ArticleWorkflowService workflow,
    ArticleChangePublisher changes,
    SourcePollGate gate,
    TimeProvider clock,
    ILogger<FeedIngester> logger)
{
    /// <summary>The longest wait after failures, however many there were.</summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(24);

    private const int MaxHeadline = 300;
    private const int MaxBody = 200_000;
    private const int MaxAddress = 2000;
    private const int MaxValidatorLength = 500; // Source.FeedETag's column

    /// <returns>Null when no source has that id.</returns>
    public async Task<PollOutcome?> PollAsync(int sourceId, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return null;
        }
        using var turn = gate.TryEnter(sourceId);
        if (turn is null)
        {
            return PollOutcome.Failed(source.Slug, source.Name, "a poll of this source is already running; try again in a moment.");
        }
        var startedAt = clock.GetUtcNow().UtcDateTime;
        if (Problem(source) is { } problem)
        {
            var refused = PollOutcome.Failed(source.Slug, source.Name, problem);
            if (source.FeedUrl is not null)
            {
                // E.g. its default section was deleted: shown on the source and backed off, not retried every half minute.
                await RecordAsync(source, refused, startedAt, source.FeedETag, source.FeedLastModified, cancellationToken);
            }
            return refused;
        }

        PollOutcome outcome;
        string? etag = source.FeedETag, lastModified = source.FeedLastModified;
        try
        {
            var response = await fetcher.FetchAsync(new Uri(source.FeedUrl!), source.FeedETag, source.FeedLastModified, cancellationToken);
            if (response.NotModified)
            {
                outcome = new PollOutcome(source.Slug, source.Name, 0, 0, 0, true, null, []);
            }
            else
            {
                var feed = FeedReader.Read(response.Body, response.Address);
                outcome = await IngestAsync(source, feed, response.Address, cancellationToken);
                // With an item left unsaved, the next poll must get the whole feed again, not a 304.
                // An ETag longer than its column (a partner's server chooses it) is not kept: PostgreSQL would refuse
                // the whole status update, and a cut one would never match; the feed is then fetched whole each time.
                (etag, lastModified) = outcome.ItemErrors.Count == 0 ? (response.ETag is { Length: <= MaxValidatorLength } ? response.ETag : null, response.LastModified) : (null, null);
            }
        }
        catch (Exception exception) when (exception is FeedFetchException or FeedFormatException)
        {
            outcome = PollOutcome.Failed(source.Slug, source.Name, exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong is recorded on the source; the poller carries on with the next one.
            logger.LogError(exception, "Polling the feed of source {SourceId} failed unexpectedly", sourceId);
            outcome = PollOutcome.Failed(source.Slug, source.Name, "an unexpected error (" + exception.GetType().Name + "); see the log.");
        }
        await RecordAsync(source, outcome, startedAt, etag, lastModified, cancellationToken);
        if (outcome.Error is not null)
        {
            logger.LogWarning("Feed of source {SourceId} failed: {Error}", sourceId, outcome.Error);
        }
        else
        {
            logger.LogInformation("Feed of source {SourceId}: {Added} added, {Updated} updated, {Unchanged} unchanged, not modified {NotModified}",
                sourceId, outcome.Added, outcome.Updated, outcome.Unchanged, outcome.NotModified);
        }
        return outcome;
    }

    /// <summary>Ids of the enabled sources whose next poll is due, soonest first.</summary>
    public Task<List<int>> DueAsync(DateTime now, CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking()
            .Where(s => s.FeedEnabled && s.FeedUrl != null && s.NextPollAt != null && s.NextPollAt <= now)
            .OrderBy(s => s.NextPollAt).Select(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>How long to wait after <paramref name="failures"/> failed polls in a row: the interval doubled each time, capped.</summary>
    public static TimeSpan BackOff(int pollMinutes, int failures)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(pollMinutes, 1));
        if (failures <= 0)
        {
            return interval;
        }
        var factor = Math.Pow(2, Math.Min(failures, 16));
        var wait = TimeSpan.FromMinutes(interval.TotalMinutes * factor);
        return wait > MaxBackOff ? (interval > MaxBackOff ? interval : MaxBackOff) : wait;
    }

    private static string? Problem(Source source)
    {
        if (string.IsNullOrWhiteSpace(source.FeedUrl) || !Uri.TryCreate(source.FeedUrl, UriKind.Absolute, out _))
        {
            return "the source has no feed URL.";
        }
        if (source.DefaultSectionId is null || source.DefaultAuthorId is null)
        {
            return "choose the default section and author for the feed's items first.";
        }
        return null;
    }

    private async Task RecordAsync(Source source, PollOutcome outcome, DateTime startedAt, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failures = outcome.Succeeded ? 0 : source.ConsecutiveFailures + 1;
        var error = outcome.Error ?? (outcome.ItemErrors.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{outcome.ItemErrors.Count} items were not saved: {string.Join(" ", outcome.ItemErrors.Take(3))}")
            : null);
        if (error is { Length: > 2000 })
        {
            error = error[..2000];
        }
        DateTime? next = source.FeedEnabled ? now + BackOff(source.PollMinutes, failures) : null;
        db.ChangeTracker.Clear();
        var succeededAt = outcome.Succeeded ? now : source.LastSucceededAt;
        (etag, lastModified) = outcome.Succeeded ? (etag, lastModified) : (source.FeedETag, source.FeedLastModified);
        // Column by column, so an editor's change to the source's settings during the poll is kept.
        await db.Sources.Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LastPolledAt, startedAt)
            .SetProperty(x => x.LastSucceededAt, succeededAt)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.ConsecutiveFailures, failures)
            .SetProperty(x => x.NextPollAt, x => x.FeedEnabled ? next : null)
            .SetProperty(x => x.ItemsAddedLastPoll, outcome.Added)
            .SetProperty(x => x.ItemsAddedTotal, x => x.ItemsAddedTotal + outcome.Added)
            .SetProperty(x => x.FeedETag, etag)
            .SetProperty(x => x.FeedLastModified, lastModified),
            cancellationToken);
    }

    private async Task<PollOutcome> IngestAsync(Source source, FeedDocument feed, Uri feedAddress, CancellationToken cancellationToken)
    {
        var editor = new Editor(null, "Feed: " + source.Name, CanPublish: true, IsAdmin: false, AuthorId: null);
        int added = 0, updated = 0, unchanged = 0;
        var errors = new List<string>();
        // Oldest first, so that articles are created (and numbered) in the order the partner published them.
        foreach (var item in feed.Items.OrderBy(i => i.Published ?? DateTimeOffset.MaxValue))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.Id is null && item.Link is null)
            {
                errors.Add($"an item without a link or guid (\"{Short(item.Title)}\") was skipped.");
                continue;
            }
            var result = await IngestItemAsync(source, item, feed.Language, feedAddress, editor, cancellationToken);
            switch (result.Kind)
            {
                case ItemResult.Added: added++; break;
                case ItemResult.Updated: updated++; break;
                case ItemResult.Unchanged: unchanged++; break;
                default: errors.Add($"\"{Short(item.Title)}\": {result.Error}"); break;
            }
        }
        return new PollOutcome(source.Slug, source.Name, added, updated, unchanged, false, null, errors);
    }

    private enum ItemResult
    {
        Added,
        Updated,
        Unchanged,
        Failed,
    }

    private sealed record ItemOutcome(ItemResult Kind, string? Error = null);

    /// <summary>What the article made from an item says, before the save path adds its derived fields.</summary>
    private sealed record Composed(string Headline, string Body, string? WireCredit, string? OriginalUrl, string? HeroUrl, string? HeroAlt);

    private async Task<ItemOutcome> IngestItemAsync(Source source, FeedItem item, string? language, Uri feedAddress, Editor editor, CancellationToken cancellationToken)
    {
        var key = ImportKey(source.Id, item.Id ?? item.Link!.AbsoluteUri);
        var composed = Compose(item, feedAddress);
        db.ChangeTracker.Clear();
        var existing = await db.Articles.AsNoTracking().Where(a => a.ImportKey == key)
            .Select(a => new { a.Id, a.SourceId, a.ImportKey }).FirstOrDefaultAsync(cancellationToken);
        if (existing is null && composed.OriginalUrl is { } link)
        {
            existing = await db.Articles.AsNoTracking().Where(a => a.OriginalUrl == link).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.SourceId, a.ImportKey }).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                if (existing.ImportKey is null && existing.SourceId == source.Id)
                {
                    // Filed here by hand (or before import keys): from now on the feed knows it, but does not rewrite it.
                    await db.Articles.Where(a => a.Id == existing.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ImportKey, key), cancellationToken);
                }
                return new ItemOutcome(ItemResult.Unchanged);
            }
        }
        if (existing is null)
        {
            return await CreateAsync(source, item, composed, key, language, editor, cancellationToken);
        }
        if (existing.SourceId != source.Id)
        {
            return new ItemOutcome(ItemResult.Unchanged);
        }
        return await UpdateAsync(existing.Id, composed, editor, cancellationToken);
    }

    private async Task<ItemOutcome> CreateAsync(Source source, FeedItem item, Composed composed, string key, string? language, Editor editor, CancellationToken cancellationToken)
    {
        var model = new ArticleEditModel
        {
            Headline = composed.Headline,
            BodyMarkdown = composed.Body,
            Kind = ArticleKind.News,
            SectionId = source.DefaultSectionId!.Value,
            AuthorId = source.DefaultAuthorId!.Value,
            SourceId = source.Id,
            WireCredit = composed.WireCredit,
            OriginalUrl = composed.OriginalUrl,
            HeroImageUrl = composed.HeroUrl,
            HeroAlt = composed.HeroAlt,
            Language = ArticleFormOptions.Languages.Any(l => l.Value == language) ? language! : "en",
        };
        var saved = await saves.SaveAsync(model, editor, cancellationToken);
        if (!saved.Succeeded || saved.ArticleId is not { } id)
        {
            return new ItemOutcome(ItemResult.Failed, Errors(saved));
        }
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ImportKey, key), cancellationToken);
        if (source.PublishItems)
        {
            db.ChangeTracker.Clear();
            var published = await workflow.ApplyAsync(id, WorkflowAction.Publish, null, editor, cancellationToken);
            if (!published.Succeeded)
            {
                return new ItemOutcome(ItemResult.Failed, "saved as a draft, not published: " + (published.Error ?? published.Access.ToString()));
            }
            await BackdateAsync(id, item.Published, cancellationToken);
        }
        return new ItemOutcome(ItemResult.Added);
    }

    /// <summary>A published item keeps the partner's publication time, so listings show it where it belongs.</summary>
    private async Task BackdateAsync(int id, DateTimeOffset? published, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (published?.UtcDateTime is not { } at || at >= now)
        {
            return;
        }
        var slug = await db.Articles.Where(a => a.Id == id).Select(a => a.Slug).FirstAsync(cancellationToken);
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PublishedAt, at).SetProperty(a => a.Version, Guid.NewGuid()), cancellationToken);
        await changes.PublishAsync(new ArticleChange(id, ArticleChangeKind.Edited, [slug]), cancellationToken);
    }

    private async Task<ItemOutcome> UpdateAsync(int articleId, Composed composed, Editor editor, CancellationToken cancellationToken)
    {
        // Compared with what the feed gave last time (the newest revision no person saved), not with the article:
        // an editor's later polish of an unchanged item is kept.
        var lastFromFeed = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId && r.SavedByUserId == null)
            .OrderByDescending(r => r.Id).Select(r => new { r.Headline, r.BodyMarkdown }).FirstOrDefaultAsync(cancellationToken);
        if (lastFromFeed is not null && lastFromFeed.Headline == composed.Headline && lastFromFeed.BodyMarkdown == composed.Body)
        {
            return new ItemOutcome(ItemResult.Unchanged);
        }
        var model = await forms.GetEditModelAsync(articleId, cancellationToken);
        if (model is null)
        {
            return new ItemOutcome(ItemResult.Unchanged);
        }
        if (lastFromFeed is null && model.Headline == composed.Headline && model.BodyMarkdown == composed.Body)
        {
            return new ItemOutcome(ItemResult.Unchanged);
        }
        model.Headline = composed.Headline;
        model.BodyMarkdown = composed.Body;
        model.WireCredit = composed.WireCredit ?? model.WireCredit;
        if (composed.HeroUrl is not null)
        {
            model.HeroImageUrl = composed.HeroUrl;
            model.HeroAlt = string.IsNullOrWhiteSpace(model.HeroAlt) ? composed.HeroAlt : model.HeroAlt;
        }
        var saved = await saves.SaveAsync(model, editor, cancellationToken);
        return saved.Succeeded ? new ItemOutcome(ItemResult.Updated) : new ItemOutcome(ItemResult.Failed, Errors(saved));
    }

    private static Composed Compose(FeedItem item, Uri feedAddress)
    {
        var markdown = HtmlToMarkdown.Convert(item.Html, item.Link ?? feedAddress);
        var (body, credit) = WireCredits.Extract(markdown);
        body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (body.Length > MaxBody)
        {
            body = body[..MaxBody];
        }
        var headline = Headline(item.Title, body);
        var link = item.Link?.AbsoluteUri is { Length: <= MaxAddress } address ? address : null;
        var hero = item.Image?.AbsoluteUri is { Length: <= MaxAddress } image ? image : null;
        var alt = hero is null ? null : Cap(item.ImageAlt is { Length: > 0 } given ? given : headline, 500);
        return new Composed(headline, body, credit is null ? null : Cap(credit, 100), link, hero, alt);
    }

    /// <summary>
    /// The feed's title as a headline this site accepts: "[Herald Interview] …" becomes "Herald Interview: …"
    /// (a leading bracket is how columns are shown here), and an item without a title takes its first words.
    /// </summary>
    private static string Headline(string title, string body)
    {
        var headline = title.Trim();
        if (BracketLabel().Match(headline) is { Success: true } label)
        {
            headline = label.Groups["rest"].Value.Length > 0 ? label.Groups["label"].Value.Trim() + ": " + label.Groups["rest"].Value.Trim() : label.Groups["label"].Value.Trim();
        }
        headline = headline.TrimStart('[').Trim();
        if (headline.Length == 0)
        {
            headline = Short(ArticleText.Excerpt(body, 120));
        }
        if (headline.Length == 0)
        {
            headline = "Untitled";
        }
        return Cap(headline, MaxHeadline);
    }

    public static string ImportKey(int sourceId, string id)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"feed:{sourceId}:{id.Trim()}");
        // The key column holds 500 characters; a longer guid is known by its hash.
        return key.Length <= 500 ? key : string.Create(CultureInfo.InvariantCulture, $"feed:{sourceId}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))}");
    }

    private static string Errors(SaveResult saved) =>
        saved.Conflict is not null ? "an editor saved it at the same moment; the next poll tries again."
        : saved.Access != AccessResult.Allowed ? "not allowed (" + saved.Access + ")."
        : string.Join(" ", saved.Errors.Values);

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "…";

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();

    [GeneratedRegex(@"^\[(?<label>[^\]]{1,80})\]\s*(?<rest>.*)$")]
    private static partial Regex BracketLabel();
}

/// <summary>One poll per source at a time, whoever asks (the poller, "Poll now", the <c>ingest</c> command in this process).</summary>
public sealed class SourcePollGate
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _running = [];

    /// <returns>A turn to dispose when done, or null while another poll of the source runs.</returns>
    public IDisposable? TryEnter(int sourceId)
    {
        lock (_lock)
        {
            return _running.Add(sourceId) ? new Turn(this, sourceId) : null;
        }
    }

    private void Leave(int sourceId)
    {
        lock (_lock)
        {
            _running.Remove(sourceId);
        }
    }

    private sealed class Turn(SourcePollGate gate, int sourceId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(sourceId);
            }
        }
    }
}
