using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Search;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Generator;

public sealed record GeneratorOptions(int Articles, int Seed = 42, int BodyPoolSize = 3000);

public sealed record GeneratorSummary(
    int Articles, int Published, int Authors, int Tags, int ArticleTags, int RelatedLinks, int Comments, TimeSpan Elapsed);

/// <summary>
/// Fills the database with a realistic archive for load tests and demos: English and Korean
/// articles over three years, authors and columnists, hashtags, curated related links and comments.
/// Rows go in through prepared SQLite commands in large transactions; the derived fields
/// (HTML, excerpt, key points, reading time) come from <see cref="ArticleContentService"/> itself,
/// computed once per distinct body in a pool the articles share.
/// </summary>
public sealed class ArticleGenerator(NewsPortalDbContext db, ArticleContentService content, TimeProvider clock)
{
    private const int BatchSize = 5000;
    private static readonly TimeSpan ArchiveSpan = TimeSpan.FromDays(3 * 365);

    private static readonly (string Slug, string Name)[] DefaultSections =
    [
        ("politics", "Politics"), ("north-korea", "North Korea"), ("business", "Business"), ("world", "World"),
        ("culture", "Culture"), ("technology", "Technology"), ("sports", "Sports"), ("opinion", "Opinion"),
    ];

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

    public async Task<GeneratorSummary> GenerateAsync(GeneratorOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Articles, 1);
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;", cancellationToken);

        var reference = await PrepareReferenceDataAsync(connection, random, cancellationToken);
        progress.WriteLine($"Reference data: {reference.Sections.Count} sections, {reference.Authors.Count} authors, {reference.EnglishTags.Count + reference.KoreanTags.Count} tags.");

        var pool = BuildBodyPool(options, progress);
        var existingSlugs = await ReadStringsAsync(connection, "SELECT Slug FROM Articles UNION SELECT Slug FROM ArticleSlugRedirects", cancellationToken);
        var nextId = await ScalarIntAsync(connection, "SELECT COALESCE(MAX(Id), 0) FROM Articles", cancellationToken) + 1;

        var counts = new Counts();
        var writer = new Writer(connection);
        var spacing = ArchiveSpan / options.Articles;
        Guid? pendingGroup = null;

        for (var i = 0; i < options.Articles; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % BatchSize == 0)
            {
                writer.Begin();
            }

            var id = nextId++;
            var korean = random.Next(100) < 25;
            var translationGroup = pendingGroup;
            pendingGroup = null;
            if (translationGroup is not null)
            {
                korean = true;
            }
            else if (!korean && i % 40 == 0)
            {
                // Every fortieth English story gets a Korean version right after it.
                translationGroup = pendingGroup = Guid.NewGuid();
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
            var slugBase = korean ? $"{section.Slug}-gisa" : ArticleText.Slugify(headline);
            var slug = $"{slugBase}-{id}";
            if (!existingSlugs.Add(slug))
            {
                slug = $"{slugBase}-{id}-{random.Next(1000, 9999)}";
                existingSlugs.Add(slug);
            }

            var publishedAt = now - spacing * (options.Articles - i) - TimeSpan.FromMinutes(random.Next(0, 10));
            var status = ArticleStatus.Published;
            DateTime? published = publishedAt;
            switch (i % 250)
            {
                case 17:
                    status = ArticleStatus.Draft;
                    published = null;
                    break;
                case 113:
                    status = ArticleStatus.Unpublished;
                    break;
                case 211 when i > options.Articles - 2500:
                    status = ArticleStatus.Scheduled;
                    published = now.AddHours(random.Next(2, 72));
                    break;
            }
            var createdAt = publishedAt.AddMinutes(-random.Next(20, 240));
            DateTime? revisedAt = random.Next(10) == 0 ? publishedAt.AddMinutes(random.Next(30, 600)) : null;
            if (revisedAt > now)
            {
                revisedAt = null;
            }
            var source = reference.Sources.Count > 0 && random.Next(100) < 30 ? reference.Sources[random.Next(reference.Sources.Count)] : null;
            var wire = random.Next(100) < 15 ? "Yonhap" : null;
            var hero = random.Next(100) < 60 && reference.HeroImages.Contains(section.Slug);

            writer.Article(new GeneratedArticle(
                id, slug, kind, headline, dek, body, author.Id, section.Id, source, wire, hero ? $"/demo/{section.Slug}.svg" : null,
                hero ? $"{section.Name} illustration" : null, korean ? "ko" : "en", translationGroup, status, published,
                createdAt, revisedAt ?? publishedAt, revisedAt));
            writer.Revision(id, headline, dek, body.Markdown, createdAt);
            counts.Articles++;
            if (status == ArticleStatus.Published)
            {
                counts.Published++;
            }

            var tags = korean ? reference.KoreanTags : reference.EnglishTags;
            var tagCount = random.Next(2, 6);
            var chosen = new HashSet<int>();
            while (chosen.Count < tagCount)
            {
                // Square the roll so a few hashtags are popular and most are niche, as on a real site.
                var roll = random.NextDouble();
                chosen.Add(tags[(int)(roll * roll * tags.Count)]);
            }
            foreach (var tagId in chosen)
            {
                writer.ArticleTag(id, tagId);
                counts.ArticleTags++;
            }

            if (i > 50 && random.Next(100) < 25)
            {
                var links = random.Next(1, 4);
                var related = new HashSet<int>();
                while (related.Count < links)
                {
                    related.Add(id - random.Next(1, Math.Min(i, 2000)));
                }
                var position = 0;
                foreach (var relatedId in related)
                {
                    writer.RelatedLink(id, relatedId, position++);
                    counts.RelatedLinks++;
                }
            }

            if (status == ArticleStatus.Published && random.Next(100) < 8)
            {
                var comments = random.Next(1, 6);
                for (var c = 0; c < comments; c++)
                {
                    var roll = random.Next(100);
                    var commentStatus = roll < 75 ? CommentStatus.Approved : roll < 90 ? CommentStatus.Pending : CommentStatus.Spam;
                    var at = publishedAt.AddMinutes(random.Next(5, 2000));
                    writer.Comment(id, TextBank.Pick(random, CommentNames), TextBank.Pick(random, CommentBodies), commentStatus, at > now ? now : at);
                    counts.Comments++;
                }
            }

            if (i % BatchSize == BatchSize - 1 || i == options.Articles - 1)
            {
                await writer.CommitAsync(cancellationToken);
            }
            if ((i + 1) % 10_000 == 0 || i == options.Articles - 1)
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {i + 1,9:N0} / {options.Articles:N0} articles  ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
            }
        }

        progress.WriteLine("Updating query planner statistics (ANALYZE) …");
        // The search index is filled after this (or later by reindex): statistics taken now would describe it as empty.
        await Search.Sqlite.SqliteSearchIndexStatistics.AnalyzeAllButSearchIndexAsync(connection, cancellationToken);
        writer.Dispose();
        return new GeneratorSummary(counts.Articles, counts.Published, reference.Authors.Count + reference.Columnists.Count,
            reference.EnglishTags.Count + reference.KoreanTags.Count, counts.ArticleTags, counts.RelatedLinks, counts.Comments, stopwatch.Elapsed);
    }

    private BodyPool BuildBodyPool(GeneratorOptions options, TextWriter progress)
    {
        var size = Math.Clamp(options.BodyPoolSize, 2, Math.Max(2, options.Articles));
        var koreanSize = Math.Max(1, size / 4);
        var englishSize = Math.Max(1, size - koreanSize);
        var stopwatch = Stopwatch.StartNew();
        GeneratedBody Make(int index, bool korean)
        {
            var random = new Random(HashCode.Combine(options.Seed, index, korean));
            var article = new Article { Slug = "pool", Headline = "pool", BodyMarkdown = TextBank.Body(random, korean) };
            content.Refresh(article);
            return new GeneratedBody(article.BodyMarkdown, article.BodyHtml, article.Excerpt, article.KeyPoints, article.ReadingMinutes);
        }
        var english = new GeneratedBody[englishSize];
        var korean = new GeneratedBody[koreanSize];
        Parallel.For(0, englishSize + koreanSize, index =>
        {
            if (index < englishSize)
            {
                english[index] = Make(index, korean: false);
            }
            else
            {
                korean[index - englishSize] = Make(index, korean: true);
            }
        });
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {englishSize + koreanSize:N0} distinct bodies (Markdown, HTML, excerpt, key points) in {stopwatch.Elapsed.TotalSeconds:F1} s."));
        return new BodyPool(english, korean);
    }

    private static async Task<ReferenceData> PrepareReferenceDataAsync(SqliteConnection connection, Random random, CancellationToken cancellationToken)
    {
        var sections = await ReadRowsAsync(connection, "SELECT Id, Slug, Name FROM Sections ORDER BY SortOrder", cancellationToken);
        if (sections.Count == 0)
        {
            var order = 0;
            foreach (var (slug, name) in DefaultSections)
            {
                await InsertAsync(connection, "INSERT INTO Sections (Slug, Name, SortOrder) VALUES ($a, $b, $c)", cancellationToken, slug, name, order++);
            }
            sections = await ReadRowsAsync(connection, "SELECT Id, Slug, Name FROM Sections ORDER BY SortOrder", cancellationToken);
        }

        var sources = await ReadRowsAsync(connection, "SELECT Id, Slug, Name FROM Sources", cancellationToken);
        if (sources.Count == 0)
        {
            await InsertAsync(connection, "INSERT INTO Sources (Slug, Name, HomepageUrl) VALUES ($a, $b, $c)", cancellationToken, "korea-herald", "Korea Herald", "https://www.koreaherald.com");
            await InsertAsync(connection, "INSERT INTO Sources (Slug, Name, HomepageUrl) VALUES ($a, $b, $c)", cancellationToken, "yonhap", "Yonhap News Agency", "https://en.yna.co.kr");
            sources = await ReadRowsAsync(connection, "SELECT Id, Slug, Name FROM Sources", cancellationToken);
        }

        var authorSlugs = await ReadStringsAsync(connection, "SELECT Slug FROM Authors", cancellationToken);
        var columnNames = new[] { "Seoul Notebook", "Letter from Busan", "The Long View", "Market Watch", "On Culture", "Across the DMZ", "Tech Talk", "Sideline" };
        for (var i = 0; i < 48; i++)
        {
            var family = TextBank.FamilyNames[i % TextBank.FamilyNames.Length];
            var given = TextBank.GivenNames[(i * 7 + i / TextBank.FamilyNames.Length) % TextBank.GivenNames.Length];
            var name = $"{family} {given}";
            var slug = "gen-" + ArticleText.Slugify(name) + "-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (!authorSlugs.Add(slug))
            {
                continue;
            }
            var isColumnist = i < columnNames.Length;
            var bio = isColumnist
                ? $"{name} writes the *{columnNames[i]}* column. Reach the columnist through the newsroom."
                : $"{name} is a reporter covering {TextBank.Pick(random, ["politics", "business", "culture", "technology", "sports", "world affairs"])}.";
            await InsertAsync(connection, "INSERT INTO Authors (Slug, Name, Bio, IsColumnist, ColumnName) VALUES ($a, $b, $c, $d, $e)",
                cancellationToken, slug, name, bio, isColumnist, isColumnist ? columnNames[i] : null);
        }

        var tagSlugs = await ReadStringsAsync(connection, "SELECT Slug FROM Tags", cancellationToken);
        foreach (var (slug, name) in TextBank.Tags)
        {
            if (tagSlugs.Add(slug))
            {
                await InsertAsync(connection, "INSERT INTO Tags (Slug, Name) VALUES ($a, $b)", cancellationToken, slug, name);
            }
        }

        var authors = new List<Row>();
        var columnists = new List<Row>();
        await using (var command = new SqliteCommand("SELECT Id, Slug, Name, IsColumnist FROM Authors WHERE Slug LIKE 'gen-%' ORDER BY Id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new Row(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
                (reader.GetBoolean(3) ? columnists : authors).Add(row);
            }
        }
        var allTags = await ReadRowsAsync(connection, "SELECT Id, Slug, Name FROM Tags WHERE Slug LIKE 'gen-%' ORDER BY Id", cancellationToken);
        return new ReferenceData(
            sections,
            sections.FirstOrDefault(s => s.Slug == "opinion"),
            sources,
            authors,
            columnists,
            allTags.Where(t => !t.Slug.StartsWith("gen-ko-", StringComparison.Ordinal)).Select(t => t.Id).ToList(),
            allTags.Where(t => t.Slug.StartsWith("gen-ko-", StringComparison.Ordinal)).Select(t => t.Id).ToList(),
            DefaultSections.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = new SqliteCommand(sql, connection);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] ?? DBNull.Value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ScalarIntAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<HashSet<string>> ReadStringsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static async Task<List<Row>> ReadRowsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    private sealed record Row(int Id, string Slug, string Name);

    private sealed record ReferenceData(
        List<Row> Sections, Row? Opinion, List<Row> Sources, List<Row> Authors, List<Row> Columnists,
        List<int> EnglishTags, List<int> KoreanTags, HashSet<string> HeroImages);

    private sealed record GeneratedBody(string Markdown, string Html, string Excerpt, string KeyPoints, int ReadingMinutes);

    private sealed record BodyPool(GeneratedBody[] English, GeneratedBody[] Korean);

    private sealed record GeneratedArticle(
        int Id, string Slug, ArticleKind Kind, string Headline, string Dek, GeneratedBody Body, int AuthorId, int SectionId,
        Row? Source, string? WireCredit, string? HeroImageUrl, string? HeroAlt, string Language, Guid? TranslationGroup,
        ArticleStatus Status, DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? RevisedAt);

    private sealed class Counts
    {
        public int Articles { get; set; }
        public int Published { get; set; }
        public int ArticleTags { get; set; }
        public int RelatedLinks { get; set; }
        public int Comments { get; set; }
    }

    /// <summary>Prepared insert commands, re-bound for every row inside the current transaction.</summary>
    private sealed class Writer(SqliteConnection connection) : IDisposable
    {
        private SqliteTransaction? _transaction;
        private readonly SqliteCommand _article = Prepare(connection,
            "INSERT INTO Articles (Id, Slug, Kind, Headline, Dek, BodyMarkdown, BodyHtml, Excerpt, KeyPoints, ReadingMinutes, AuthorId, SectionId, SourceId, " +
            "WireCredit, OriginalUrl, HeroImageUrl, HeroMediaId, HeroCaption, HeroCredit, HeroAlt, Language, TranslationGroup, Status, PublishedAt, CreatedAt, UpdatedAt, RevisedAt, Version) " +
            "VALUES ($id, $slug, $kind, $headline, $dek, $md, $html, $excerpt, $keypoints, $minutes, $author, $section, $source, " +
            "$wire, NULL, $hero, NULL, $caption, $credit, $alt, $language, $group, $status, $published, $created, $updated, $revised, $version)",
            "$id", "$slug", "$kind", "$headline", "$dek", "$md", "$html", "$excerpt", "$keypoints", "$minutes", "$author", "$section", "$source",
            "$wire", "$hero", "$caption", "$credit", "$alt", "$language", "$group", "$status", "$published", "$created", "$updated", "$revised", "$version");

        private readonly SqliteCommand _revision = Prepare(connection,
            "INSERT INTO Revisions (ArticleId, Headline, Dek, BodyMarkdown, SavedByUserId, SavedByName, SavedAt) VALUES ($a, $b, $c, $d, NULL, 'Generator', $e)",
            "$a", "$b", "$c", "$d", "$e");

        private readonly SqliteCommand _tag = Prepare(connection, "INSERT INTO ArticleTags (ArticleId, TagId) VALUES ($a, $b)", "$a", "$b");

        private readonly SqliteCommand _related = Prepare(connection,
            "INSERT INTO RelatedLinks (ArticleId, RelatedArticleId, Position) VALUES ($a, $b, $c)", "$a", "$b", "$c");

        private readonly SqliteCommand _comment = Prepare(connection,
            "INSERT INTO Comments (ArticleId, DisplayName, Email, Body, Status, CreatedAt) VALUES ($a, $b, $c, $d, $e, $f)",
            "$a", "$b", "$c", "$d", "$e", "$f");

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            return command;
        }

        public void Begin()
        {
            _transaction = connection.BeginTransaction();
            foreach (var command in new[] { _article, _revision, _tag, _related, _comment })
            {
                command.Transaction = _transaction;
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_transaction is not null)
            {
                await _transaction.CommitAsync(cancellationToken);
                await _transaction.DisposeAsync();
                _transaction = null;
            }
        }

        public void Article(GeneratedArticle a)
        {
            var p = _article.Parameters;
            p[0].Value = a.Id;
            p[1].Value = a.Slug;
            p[2].Value = a.Kind.ToString();
            p[3].Value = a.Headline;
            p[4].Value = a.Dek;
            p[5].Value = a.Body.Markdown;
            p[6].Value = a.Body.Html;
            p[7].Value = a.Body.Excerpt;
            p[8].Value = a.Body.KeyPoints;
            p[9].Value = a.Body.ReadingMinutes;
            p[10].Value = a.AuthorId;
            p[11].Value = a.SectionId;
            p[12].Value = (object?)a.Source?.Id ?? DBNull.Value;
            p[13].Value = (object?)a.WireCredit ?? DBNull.Value;
            p[14].Value = (object?)a.HeroImageUrl ?? DBNull.Value;
            p[15].Value = a.HeroImageUrl is null ? DBNull.Value : "Illustration for the section.";
            p[16].Value = a.HeroImageUrl is null ? DBNull.Value : "NewsPortal graphics";
            p[17].Value = (object?)a.HeroAlt ?? DBNull.Value;
            p[18].Value = a.Language;
            // EF Core stores Guid as upper-case TEXT on SQLite; Microsoft.Data.Sqlite alone would bind a BLOB.
            p[19].Value = a.TranslationGroup is { } group ? group.ToString().ToUpperInvariant() : DBNull.Value;
            p[20].Value = a.Status.ToString();
            p[21].Value = a.PublishedAt is { } published ? Timestamp(published) : DBNull.Value;
            p[22].Value = Timestamp(a.CreatedAt);
            p[23].Value = Timestamp(a.UpdatedAt);
            p[24].Value = a.RevisedAt is { } revised ? Timestamp(revised) : DBNull.Value;
            p[25].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            _article.ExecuteNonQuery();
        }

        public void Revision(int articleId, string headline, string dek, string markdown, DateTime savedAt)
        {
            var p = _revision.Parameters;
            p[0].Value = articleId;
            p[1].Value = headline;
            p[2].Value = dek;
            p[3].Value = markdown;
            p[4].Value = Timestamp(savedAt);
            _revision.ExecuteNonQuery();
        }

        public void ArticleTag(int articleId, int tagId)
        {
            _tag.Parameters[0].Value = articleId;
            _tag.Parameters[1].Value = tagId;
            _tag.ExecuteNonQuery();
        }

        public void RelatedLink(int articleId, int relatedId, int position)
        {
            _related.Parameters[0].Value = articleId;
            _related.Parameters[1].Value = relatedId;
            _related.Parameters[2].Value = position;
            _related.ExecuteNonQuery();
        }

        public void Comment(int articleId, string name, string body, CommentStatus status, DateTime at)
        {
            var p = _comment.Parameters;
            p[0].Value = articleId;
            p[1].Value = name;
            p[2].Value = "reader@example.invalid";
            p[3].Value = body;
            p[4].Value = status.ToString();
            p[5].Value = Timestamp(at);
            _comment.ExecuteNonQuery();
        }

        /// <summary>The text form EF Core's SQLite provider writes for DateTime, so queries compare correctly.</summary>
        private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        public void Dispose()
        {
            _transaction?.Dispose();
            foreach (var command in new[] { _article, _revision, _tag, _related, _comment })
            {
                command.Dispose();
            }
        }
    }
}
