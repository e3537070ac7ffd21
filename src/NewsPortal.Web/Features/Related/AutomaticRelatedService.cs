using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.Related;

/// <summary>
/// Precomputes an article's automatic related picks into <c>AutomaticRelatedLinks</c>, so an
/// article page only reads a handful of rows. Candidates come from bounded, indexed look-ups —
/// the articles published around the same time, articles sharing its tags, the author's latest —
/// and are then scored by TF-IDF cosine, shared tags, same author, same section and closeness in
/// time. See docs/related-articles.md.
/// </summary>
public sealed class AutomaticRelatedService(NewsPortalDbContext db, IRelatedTexts texts)
{
    /// <summary>How many picks are stored; the page shows up to Related:Count after curated links.</summary>
    public const int StoredPicks = 12;

    /// <summary>
    /// Text candidates are the articles published just before and after this one. A BM25 query for
    /// the article's words over the whole trigram index cost 0.2–0.6 s per article at 100,000
    /// articles (common words match most of the archive); news is related mostly to news of its
    /// time, and older stories on the same subject still come in through shared tags.
    /// </summary>
    public const int EarlierCandidates = 200;

    public const int LaterCandidates = 60;
    public const int TagCandidates = 100;
    public const int AuthorCandidates = 10;
    private const int BodyCharacters = 3000;

    public const double TextWeight = 0.50;
    public const double TagWeight = 0.30;
    public const double AuthorWeight = 0.08;
    public const double SectionWeight = 0.05;
    public const double RecencyWeight = 0.07;
    private const double RecencyDays = 30;

    private sealed record Meta(int Id, int AuthorId, int SectionId, DateTime? PublishedAt, Guid? TranslationGroup);

    public sealed record Pick(int ArticleId, double Score);

    /// <summary>Recomputes and stores the picks for one article; an article that is not published gets none.</summary>
    public async Task<IReadOnlyList<Pick>> ComputeAsync(int articleId, CancellationToken cancellationToken)
    {
        var picks = await ScoreAsync(articleId, cancellationToken);
        await db.AutomaticRelatedLinks.Where(r => r.ArticleId == articleId).ExecuteDeleteAsync(cancellationToken);
        if (picks.Count > 0)
        {
            db.AutomaticRelatedLinks.AddRange(picks.Select((p, i) => new AutomaticRelatedLink
            {
                ArticleId = articleId,
                RelatedArticleId = p.ArticleId,
                Score = Math.Round(p.Score, 6),
                Position = i,
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return picks;
    }

    /// <summary>Forgets an article that left the site: its own picks and every pick of it.</summary>
    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        db.AutomaticRelatedLinks.Where(r => r.ArticleId == articleId || r.RelatedArticleId == articleId)
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>The best candidates for <paramref name="articleId"/>, best first, without storing them.</summary>
    public async Task<IReadOnlyList<Pick>> ScoreAsync(int articleId, CancellationToken cancellationToken)
    {
        var source = await db.Articles.AsNoTracking()
            .PublishedAnyTime().Where(a => a.Id == articleId)
            .Select(a => new Meta(a.Id, a.AuthorId, a.SectionId, a.PublishedAt, a.TranslationGroup))
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return [];
        }
        var sourceTexts = await texts.LoadAsync([articleId], BodyCharacters, cancellationToken);
        if (!sourceTexts.TryGetValue(articleId, out var sourceText))
        {
            return [];
        }
        var sourceTags = await db.ArticleTags.AsNoTracking().Where(t => t.ArticleId == articleId).Select(t => t.TagId).ToListAsync(cancellationToken);

        // 1. Candidates, each look-up bounded and served by an index.
        var candidates = new HashSet<int>(await NeighbourCandidatesAsync(source, cancellationToken));
        if (sourceTags.Count > 0)
        {
            candidates.UnionWith(await db.ArticleTags.AsNoTracking()
                .Where(t => sourceTags.Contains(t.TagId) && t.ArticleId != articleId)
                .GroupBy(t => t.ArticleId)
                .Select(g => new { ArticleId = g.Key, Shared = g.Count() })
                .OrderByDescending(g => g.Shared).ThenByDescending(g => g.ArticleId)
                .Take(TagCandidates)
                .Select(g => g.ArticleId)
                .ToListAsync(cancellationToken));
        }
        candidates.UnionWith(await db.Articles.AsNoTracking()
            .PublishedAnyTime().Where(a => a.AuthorId == source.AuthorId && a.Id != articleId)
            .OrderByDescending(a => a.PublishedAt)
            .Take(AuthorCandidates)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken));
        candidates.Remove(articleId);

        var excluded = await db.RelatedExclusions.AsNoTracking().Where(e => e.ArticleId == articleId).Select(e => e.ExcludedArticleId)
            .Concat(db.RelatedLinks.AsNoTracking().Where(r => r.ArticleId == articleId).Select(r => r.RelatedArticleId))
            .ToListAsync(cancellationToken);
        candidates.ExceptWith(excluded);
        if (candidates.Count == 0)
        {
            return [];
        }

        // 2. What the scores need about each candidate.
        var ids = candidates.ToList();
        var metas = await db.Articles.AsNoTracking()
            .PublishedAnyTime().Where(a => ids.Contains(a.Id))
            .Select(a => new Meta(a.Id, a.AuthorId, a.SectionId, a.PublishedAt, a.TranslationGroup))
            .ToListAsync(cancellationToken);
        metas.RemoveAll(m => source.TranslationGroup is { } group && m.TranslationGroup == group);
        var candidateTags = (await db.ArticleTags.AsNoTracking()
                .Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.TagId })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.ArticleId, t => t.TagId);
        var candidateTexts = await texts.LoadAsync(metas.Select(m => m.Id).ToList(), BodyCharacters, cancellationToken);

        // 3. TF-IDF vectors; document frequencies are taken over the candidate pool plus the article.
        var vectors = metas.ToDictionary(m => m.Id, m => TermVectors.Count(candidateTexts.GetValueOrDefault(m.Id)));
        var sourceVector = TermVectors.Count(sourceText);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vector in vectors.Values.Append(sourceVector))
        {
            foreach (var term in vector.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }
        var documents = vectors.Count + 1;
        var weightedSource = TermVectors.Weigh(sourceVector, documentFrequency, documents);

        var sourceTagSet = sourceTags.ToHashSet();
        var picks = new List<Pick>(metas.Count);
        foreach (var meta in metas)
        {
            var text = TermVectors.Cosine(weightedSource, TermVectors.Weigh(vectors[meta.Id], documentFrequency, documents));
            var tags = candidateTags[meta.Id].ToHashSet();
            var shared = tags.Count(sourceTagSet.Contains);
            var tag = shared == 0 ? 0 : shared / Math.Sqrt((double)sourceTagSet.Count * tags.Count);
            if (text < 0.02 && shared == 0)
            {
                continue;
            }
            var days = source.PublishedAt is { } a && meta.PublishedAt is { } b ? Math.Abs((a - b).TotalDays) : 365;
            var score = TextWeight * text
                + TagWeight * tag
                + (meta.AuthorId == source.AuthorId ? AuthorWeight : 0)
                + (meta.SectionId == source.SectionId ? SectionWeight : 0)
                + RecencyWeight * Math.Exp(-days / RecencyDays);
            picks.Add(new Pick(meta.Id, score));
        }
        return picks.OrderByDescending(p => p.Score).ThenByDescending(p => p.ArticleId).Take(StoredPicks).ToList();
    }

    /// <summary>Published articles around the source's publish time: two range reads on the (Status, PublishedAt) index.</summary>
    private async Task<List<int>> NeighbourCandidatesAsync(Meta source, CancellationToken cancellationToken)
    {
        var published = db.Articles.AsNoTracking().PublishedAnyTime().Where(a => a.Id != source.Id);
        var at = source.PublishedAt ?? DateTime.MaxValue;
        var earlier = await published.Where(a => a.PublishedAt <= at)
            .OrderByDescending(a => a.PublishedAt).Take(EarlierCandidates).Select(a => a.Id).ToListAsync(cancellationToken);
        var later = await published.Where(a => a.PublishedAt > at)
            .OrderBy(a => a.PublishedAt).Take(LaterCandidates).Select(a => a.Id).ToListAsync(cancellationToken);
        return [.. earlier, .. later];
    }
}
