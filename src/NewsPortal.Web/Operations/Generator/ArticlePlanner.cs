using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Operations.Generator;

/// <summary>
/// Decides every generated article: language, kind, author, section, body, headline, slug, status,
/// times, tags, curated related links and comments. Everything but the GUIDs follows from the seed
/// (through the one shared random, so calls must come in order, 0, 1, 2 …) and from <c>now</c>.
/// </summary>
public sealed class ArticlePlanner(
    GeneratorOptions options, ReferenceData reference, BodyPool pool, DateTime now, ISet<string> existingSlugs, int firstId, Random random)
{
    private const string RevisionAuthor = "Generator";
    private const string CommentEmail = "reader@example.invalid";
    private const string HeroCaption = "Illustration for the section.";
    private const string HeroCredit = "NewsPortal graphics";
    private static readonly TimeSpan ArchiveSpan = TimeSpan.FromDays(3 * 365);

    private static readonly string[] CommentNames = ["Reader in Seoul", "J. Park", "Minsoo", "Anna K.", "독자", "Busan fan", "Chris", "지은"];

    private static readonly string[] CommentBodies =
    [
        "Thanks for the clear explanation of what this means for ordinary families.",
        "I would like to see a follow-up on how this plays out in the regions.",
        "This is the first article that explained the numbers properly.",
        "좋은 기사 감사합니다. 후속 보도도 기대하겠습니다.",
        "The headline undersells how significant this is.",
        "정책의 실제 효과가 궁금합니다.",
    ];

    private readonly TimeSpan _spacing = ArchiveSpan / options.Articles;
    private Guid? _pendingGroup;

    /// <summary>The article at position <paramref name="i"/> of the run (0 is the oldest).</summary>
    public PlannedArticle Plan(int i)
    {
        var id = firstId + i;
        var korean = random.Next(100) < 25;
        var translationGroup = _pendingGroup;
        _pendingGroup = null;
        if (translationGroup is not null)
        {
            korean = true;
        }
        else if (!korean && i % 40 == 0)
        {
            // Every fortieth English story gets a Korean version right after it.
            translationGroup = _pendingGroup = Guid.NewGuid();
        }

        var kindRoll = random.Next(100);
        var columnist = reference.Columnists.Count > 0 && kindRoll < 6;
        var kind = columnist ? ArticleKind.Column : kindRoll < 8 ? ArticleKind.Editorial : kindRoll < 14 ? ArticleKind.Analysis : ArticleKind.News;
        var author = columnist
            ? reference.Columnists[random.Next(reference.Columnists.Count)]
            : reference.Authors[random.Next(reference.Authors.Count)];
        var section = kind is ArticleKind.Column or ArticleKind.Editorial && reference.Opinion is { } opinion
            ? opinion
            : reference.Sections[random.Next(reference.Sections.Count)];

        var body = korean ? pool.Korean[random.Next(pool.Korean.Length)] : pool.English[random.Next(pool.English.Length)];
        var headline = korean ? TextBank.KoreanHeadline(random) : TextBank.EnglishHeadline(random);
        var dek = korean ? TextBank.KoreanSentence(random) : TextBank.EnglishSentence(random);
        var slug = UniqueSlug(korean ? $"{section.Slug}-gisa" : ArticleText.Slugify(headline), id);

        var publishedAt = now - _spacing * (options.Articles - i) - TimeSpan.FromMinutes(random.Next(0, 10));
        var (status, published) = Status(i, publishedAt);
        var createdAt = publishedAt.AddMinutes(-random.Next(20, 240));
        DateTime? revisedAt = random.Next(10) == 0 ? publishedAt.AddMinutes(random.Next(30, 600)) : null;
        if (revisedAt > now)
        {
            revisedAt = null;
        }
        var source = reference.Sources.Count > 0 && random.Next(100) < 30 ? reference.Sources[random.Next(reference.Sources.Count)] : null;
        var wire = random.Next(100) < 15 ? "Yonhap" : null;
        var hero = random.Next(100) < 60 && reference.HeroImages.Contains(section.Slug);

        var article = new GeneratedArticle(
            id, slug, kind, headline, dek, body, author.Id, section.Id, source?.Id, wire,
            hero ? $"/demo/{section.Slug}.svg" : null, hero ? HeroCaption : null, hero ? HeroCredit : null, hero ? $"{section.Name} illustration" : null,
            korean ? "ko" : "en", translationGroup, status, published, createdAt, revisedAt ?? publishedAt, revisedAt, Guid.NewGuid());
        var revision = new GeneratedRevision(headline, dek, body.Markdown, RevisionAuthor, createdAt);
        return new PlannedArticle(article, revision, Tags(korean), Related(i, id), Comments(status, publishedAt));
    }

    private string UniqueSlug(string slugBase, int id)
    {
        var slug = $"{slugBase}-{id}";
        if (!existingSlugs.Add(slug))
        {
            slug = $"{slugBase}-{id}-{random.Next(1000, 9999)}";
            existingSlugs.Add(slug);
        }
        return slug;
    }

    private (ArticleStatus Status, DateTime? Published) Status(int i, DateTime publishedAt) => (i % 250) switch
    {
        17 => (ArticleStatus.Draft, null),
        113 => (ArticleStatus.Unpublished, publishedAt),
        211 when i > options.Articles - 2500 => (ArticleStatus.Scheduled, now.AddHours(random.Next(2, 72))),
        _ => (ArticleStatus.Published, publishedAt),
    };

    private List<int> Tags(bool korean)
    {
        var tags = korean ? reference.KoreanTags : reference.EnglishTags;
        var count = random.Next(2, 6);
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            // Square the roll so a few hashtags are popular and most are niche, as on a real site.
            var roll = random.NextDouble();
            chosen.Add(tags[(int)(roll * roll * tags.Count)]);
        }
        return [.. chosen];
    }

    private List<int> Related(int i, int id)
    {
        if (i <= 50 || random.Next(100) >= 25)
        {
            return [];
        }
        var links = random.Next(1, 4);
        var related = new HashSet<int>();
        while (related.Count < links)
        {
            related.Add(id - random.Next(1, Math.Min(i, 2000)));
        }
        return [.. related];
    }

    private List<GeneratedComment> Comments(ArticleStatus status, DateTime publishedAt)
    {
        if (status != ArticleStatus.Published || random.Next(100) >= 8)
        {
            return [];
        }
        var count = random.Next(1, 6);
        var comments = new List<GeneratedComment>(count);
        for (var c = 0; c < count; c++)
        {
            var roll = random.Next(100);
            var commentStatus = roll < 75 ? CommentStatus.Approved : roll < 90 ? CommentStatus.Pending : CommentStatus.Spam;
            var at = publishedAt.AddMinutes(random.Next(5, 2000));
            comments.Add(new GeneratedComment(TextBank.Pick(random, CommentNames), CommentEmail, TextBank.Pick(random, CommentBodies), commentStatus, at > now ? now : at));
        }
        return comments;
    }
}
