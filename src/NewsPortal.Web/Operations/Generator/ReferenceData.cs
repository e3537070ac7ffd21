using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Operations.Generator;

public sealed record ReferenceRow(int Id, string Slug, string Name);

/// <summary>The sections, sources, authors and hashtags generated articles are drawn from.</summary>
public sealed record ReferenceData(
    IReadOnlyList<ReferenceRow> Sections, ReferenceRow? Opinion, IReadOnlyList<ReferenceRow> Sources,
    IReadOnlyList<ReferenceRow> Authors, IReadOnlyList<ReferenceRow> Columnists,
    IReadOnlyList<int> EnglishTags, IReadOnlyList<int> KoreanTags, IReadOnlySet<string> HeroImages)
{
    public int TagCount => EnglishTags.Count + KoreanTags.Count;
}

/// <summary>
/// Makes sure the generator's sections, sources, authors (<c>gen-…</c>) and hashtags exist, adding
/// only the missing ones, so generating twice into one database reuses them.
/// </summary>
public sealed class ReferenceDataPreparer(NewsPortalDbContext db)
{
    private const string GeneratedPrefix = "gen-";
    private const string KoreanTagPrefix = "gen-ko-";
    private const int AuthorCount = 48;

    public static readonly (string Slug, string Name)[] DefaultSections =
    [
        ("politics", "Politics"), ("north-korea", "North Korea"), ("business", "Business"), ("world", "World"),
        ("culture", "Culture"), ("technology", "Technology"), ("sports", "Sports"), ("opinion", "Opinion"),
    ];

    private static readonly string[] ColumnNames =
        ["Seoul Notebook", "Letter from Busan", "The Long View", "Market Watch", "On Culture", "Across the DMZ", "Tech Talk", "Sideline"];

    private static readonly string[] Beats = ["politics", "business", "culture", "technology", "sports", "world affairs"];

    /// <param name="random">The generator's random: a reporter's beat is drawn from it, so the rest of the plan depends on which authors were new.</param>
    public async Task<ReferenceData> PrepareAsync(Random random, CancellationToken cancellationToken)
    {
        var sections = await ReadSectionsAsync(cancellationToken);
        if (sections.Count == 0)
        {
            var order = 0;
            db.Sections.AddRange(DefaultSections.Select(s => new Section { Slug = s.Slug, Name = s.Name, SortOrder = order++ }));
            await db.SaveChangesAsync(cancellationToken);
            sections = await ReadSectionsAsync(cancellationToken);
        }

        var sources = await ReadSourcesAsync(cancellationToken);
        if (sources.Count == 0)
        {
            db.Sources.Add(new Source { Slug = "korea-herald", Name = "Korea Herald", HomepageUrl = "https://www.koreaherald.com" });
            db.Sources.Add(new Source { Slug = "yonhap", Name = "Yonhap News Agency", HomepageUrl = "https://en.yna.co.kr" });
            await db.SaveChangesAsync(cancellationToken);
            sources = await ReadSourcesAsync(cancellationToken);
        }

        await AddMissingAuthorsAsync(random, cancellationToken);
        await AddMissingTagsAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var authors = await db.Authors.AsNoTracking()
            .Where(a => EF.Functions.Like(a.Slug, GeneratedPrefix + "%"))
            .OrderBy(a => a.Id)
            .Select(a => new { Row = new ReferenceRow(a.Id, a.Slug, a.Name), a.IsColumnist })
            .ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking()
            .Where(t => EF.Functions.Like(t.Slug, GeneratedPrefix + "%"))
            .OrderBy(t => t.Id)
            .Select(t => new ReferenceRow(t.Id, t.Slug, t.Name))
            .ToListAsync(cancellationToken);
        return new ReferenceData(
            sections,
            sections.FirstOrDefault(s => s.Slug == "opinion"),
            sources,
            authors.Where(a => !a.IsColumnist).Select(a => a.Row).ToList(),
            authors.Where(a => a.IsColumnist).Select(a => a.Row).ToList(),
            tags.Where(t => !t.Slug.StartsWith(KoreanTagPrefix, StringComparison.Ordinal)).Select(t => t.Id).ToList(),
            tags.Where(t => t.Slug.StartsWith(KoreanTagPrefix, StringComparison.Ordinal)).Select(t => t.Id).ToList(),
            DefaultSections.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal));
    }

    private async Task AddMissingAuthorsAsync(Random random, CancellationToken cancellationToken)
    {
        var existing = (await db.Authors.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < AuthorCount; i++)
        {
            var family = TextBank.FamilyNames[i % TextBank.FamilyNames.Length];
            var given = TextBank.GivenNames[(i * 7 + i / TextBank.FamilyNames.Length) % TextBank.GivenNames.Length];
            var name = $"{family} {given}";
            var slug = GeneratedPrefix + ArticleText.Slugify(name) + "-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (!existing.Add(slug))
            {
                continue;
            }
            var isColumnist = i < ColumnNames.Length;
            db.Authors.Add(new Author
            {
                Slug = slug,
                Name = name,
                Bio = isColumnist
                    ? $"{name} writes the *{ColumnNames[i]}* column. Reach the columnist through the newsroom."
                    : $"{name} is a reporter covering {TextBank.Pick(random, Beats)}.",
                IsColumnist = isColumnist,
                ColumnName = isColumnist ? ColumnNames[i] : null,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AddMissingTagsAsync(CancellationToken cancellationToken)
    {
        var existing = (await db.Tags.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        db.Tags.AddRange(TextBank.Tags.Where(t => existing.Add(t.Slug)).Select(t => new Tag { Slug = t.Slug, Name = t.Name }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<List<ReferenceRow>> ReadSectionsAsync(CancellationToken cancellationToken) =>
        db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new ReferenceRow(s.Id, s.Slug, s.Name)).ToListAsync(cancellationToken);

    private Task<List<ReferenceRow>> ReadSourcesAsync(CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().Select(s => new ReferenceRow(s.Id, s.Slug, s.Name)).ToListAsync(cancellationToken);
}
