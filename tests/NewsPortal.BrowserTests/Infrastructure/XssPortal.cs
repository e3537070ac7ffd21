using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Comments;
using NewsPortal.Web.Features.Editorial;
using NewsPortal.Web.Features.Media;
using SkiaSharp;

namespace NewsPortal.BrowserTests.Infrastructure;

public enum XssTarget
{
    Article,
    Author,
    Section,
    Source,

    /// <summary>A reader's comment, approved, on the first article.</summary>
    Comment,

    /// <summary>A media library image, the hero and a body image of an article of its own ({slug}); {id} is the image's.</summary>
    Media,

    /// <summary>Something a reader or editor types into an address: a search, a return URL, a token.</summary>
    Query,
}

/// <summary>
/// One field someone can fill, the form's limit for it, and every page it is rendered on. Placeholders: {id} and
/// {slug} of the row the field belongs to, {tag}/{tagid} for each of an article's tags, {q} for a query value,
/// {page} for listing pages 1..n, {commentpage} for the comments' discussion pages 1..n (<c>Comments:PageSize</c> a
/// page), {article} for the first seeded article's id. A page that is not 200 ends in " =404".
/// </summary>
public sealed record XssField(XssTarget Target, string Property, int MaxLength, string Separator, int MaxItemLength, params string[] RenderedOn);

/// <summary>
/// Its own portal (so the payload rows never reach the pages other browser tests look at), seeded with every payload
/// of the corpus through every field in <see cref="Fields"/> by the app's own services (validation, Markdown,
/// sanitizer, slugs, tags, revisions, publishing), plus Chromium.
/// </summary>
public sealed class XssPortal : IAsyncLifetime
{
    /// <summary>
    /// Field → where it is rendered; a new field joins with one line,
    /// e.g. <c>new(XssTarget.Comment, "Body", 2000, " ", int.MaxValue, "/articles/{slug}", "/admin/comments")</c>.
    /// </summary>
    public static readonly XssField[] Fields =
    [
        new(XssTarget.Article, nameof(ArticleEditModel.Headline), 300, " ", int.MaxValue,
            "/articles/{slug}", "/admin/articles/{id}/edit", "/admin/articles/{id}/preview", "/admin/articles/{id}/revisions",
            "/?page={page}", "/columns", "/search?q=alert&page={page}", "/admin/articles?page={page}", "/admin", "/admin/audit?page={page}",
            "/rss.xml", "/atom.xml", "/sitemap-news.xml"),
        new(XssTarget.Article, nameof(ArticleEditModel.Dek), 1000, " ", int.MaxValue,
            "/articles/{slug}", "/admin/articles/{id}/edit", "/admin/articles/{id}/revisions", "/?page={page}", "/rss.xml", "/atom.xml"),
        new(XssTarget.Article, nameof(ArticleEditModel.BodyMarkdown), 3000, "\n\n", int.MaxValue,
            "/articles/{slug}", "/admin/articles/{id}/edit", "/admin/articles/{id}/preview", "/admin/articles/{id}/revisions", "/rss.xml"),
        new(XssTarget.Article, nameof(ArticleEditModel.Slug), 200, " ", int.MaxValue, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.Tags), 600, ", ", 60,
            "/articles/{slug}", "/admin/articles/{id}/edit", "/tags/{tag}", "/tags/{tag}/rss.xml", "/admin/tags/{tagid}/edit", "/admin/tags"),
        new(XssTarget.Article, nameof(ArticleEditModel.WireCredit), 100, " ", int.MaxValue, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.OriginalUrl), 2000, " ", int.MaxValue, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.HeroImageUrl), 2000, "", 2000, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.HeroCaption), 1000, " ", int.MaxValue, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.HeroCredit), 300, " ", int.MaxValue, "/articles/{slug}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.HeroAlt), 500, " ", int.MaxValue, "/articles/{slug}", "/?page={page}", "/admin/articles/{id}/edit"),
        new(XssTarget.Article, nameof(ArticleEditModel.TranslationOf), 200, " ", int.MaxValue, "/admin/articles/{id}/edit"),
        new(XssTarget.Author, nameof(AuthorEditModel.Name), 200, " ", int.MaxValue,
            "/authors/{slug}", "/authors/{slug}/rss.xml", "/admin/authors/{id}/edit", "/admin/authors"),
        new(XssTarget.Author, nameof(AuthorEditModel.Bio), 3000, "\n\n", int.MaxValue, "/authors/{slug}", "/admin/authors/{id}/edit"),
        new(XssTarget.Author, nameof(AuthorEditModel.PhotoUrl), 2000, "", 2000, "/authors/{slug}", "/admin/authors/{id}/edit"),
        new(XssTarget.Author, nameof(AuthorEditModel.ColumnName), 200, " ", int.MaxValue, "/authors/{slug}", "/columns", "/admin/authors/{id}/edit"),
        new(XssTarget.Section, nameof(SectionEditModel.Name), 100, " ", int.MaxValue,
            "/sections/{slug}", "/sections/{slug}/rss.xml", "/admin/sections/{id}/edit", "/admin/sections"),
        new(XssTarget.Source, nameof(SourceEditModel.Name), 200, " ", int.MaxValue, "/admin/sources/{id}/edit", "/admin/sources"),
        new(XssTarget.Source, nameof(SourceEditModel.HomepageUrl), 2000, "", 2000, "/admin/sources/{id}/edit", "/admin/sources"),
        new(XssTarget.Source, nameof(SourceEditModel.FeedUrl), 2000, "", 2000, "/admin/sources/{id}/edit"),
        new(XssTarget.Comment, nameof(Comment.DisplayName), 100, " ", int.MaxValue, "/articles/{slug}", "/articles/{slug}/comments/all?page={commentpage}"),
        new(XssTarget.Comment, nameof(Comment.Body), 2000, "\n", int.MaxValue, "/articles/{slug}", "/articles/{slug}/comments/all?page={commentpage}"),
        new(XssTarget.Media, nameof(MediaDetailsForm.AltText), 500, " ", int.MaxValue,
            "/articles/{slug}", "/admin/media/{id}", "/admin/media?page={page}", "/admin/media/picker", "/admin/media/{id}/delete"),
        new(XssTarget.Media, nameof(MediaDetailsForm.Caption), 1000, " ", int.MaxValue,
            "/articles/{slug}", "/admin/media/{id}", "/admin/media?page={page}", "/admin/media/picker"),
        new(XssTarget.Media, nameof(MediaDetailsForm.Credit), 300, " ", int.MaxValue,
            "/articles/{slug}", "/admin/media/{id}", "/admin/media?page={page}", "/admin/media/picker"),
        new(XssTarget.Query, "search", 200, " ", int.MaxValue, "/search?q={q}"),
        new(XssTarget.Query, "admin search", 200, " ", int.MaxValue, "/admin/articles?q={q}"),
        new(XssTarget.Query, "related search", 200, " ", int.MaxValue, "/admin/articles/{article}/related?q={q}"),
        new(XssTarget.Query, "sign-in return address", 1500, " ", int.MaxValue, "/account/login?ReturnUrl={q}"),
        // The token route takes any length (a token over 100 characters is simply unknown), so long values are fine.
        new(XssTarget.Query, "preview token", 2000, " ", int.MaxValue, "/preview/{q} =404"),
    ];

    /// <summary>How many rows of a field are opened on its pages other than the first; XSS_FULL=1 opens all.</summary>
    public static readonly int SecondaryRows = Environment.GetEnvironmentVariable("XSS_FULL") == "1" ? int.MaxValue : 6;

    private readonly List<string> _seedNotes = [];
    private IPlaywright? _playwright;

    public PortalServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every page to open, with the status it should answer.</summary>
    public List<(string Path, int Status)> Pages { get; } = [];

    /// <summary>What the seeding stored, for the test's sanity checks: article id → the headline saved.</summary>
    public Dictionary<int, string> Headlines { get; } = [];

    public IReadOnlyList<string> SeedNotes => _seedNotes;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var chromium = Tools.RequireChromium();
        Server.Start();
        await SeedAsync(CancellationToken.None);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Args = Tools.ChromiumArgs,
            Headless = true,
        });
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NewsPortalDbContext>();
        var catalog = services.GetRequiredService<EditorialCatalogService>();
        var admin = await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(PortalServer.AdminEmail)
            ?? throw new InvalidOperationException("No admin user.");
        var editor = new Editor(admin.Id, PortalServer.AdminEmail, CanPublish: true, IsAdmin: true, AuthorId: null);
        var demoTags = await db.Tags.Select(t => t.Id).ToListAsync(ct);

        var authors = await SeedRowsAsync(XssTarget.Author, i => new AuthorEditModel { IsColumnist = i % 2 == 0 }, "Name",
            m => catalog.SaveAuthorAsync(m, editor, ct));
        var sections = await SeedRowsAsync(XssTarget.Section, i => new SectionEditModel { SortOrder = 500 + i }, "Name",
            m => catalog.SaveSectionAsync(m, editor, ct));
        // A source with a feed URL must say where its items go (issue 15).
        var sources = await SeedRowsAsync(XssTarget.Source, _ => new SourceEditModel { DefaultSectionId = sections[0].Id, DefaultAuthorId = authors[0].Id }, "Name",
            m => catalog.SaveSourceAsync(m, editor, ct));

        var articleCount = Fields.Where(f => f.Target == XssTarget.Article).Max(f => ChunksOf(f).Count);
        var saver = services.GetRequiredService<ArticleSaveService>();
        var forms = services.GetRequiredService<ArticleFormService>();
        var workflow = services.GetRequiredService<ArticleWorkflowService>();
        var articleIds = new List<int>();
        for (var i = 0; i < articleCount; i++)
        {
            var index = i;
            var id = await SaveWithRetriesAsync(XssTarget.Article, index, () => new ArticleEditModel
            {
                Kind = index % 3 == 0 ? ArticleKind.Column : ArticleKind.News,
                AuthorId = authors[index % authors.Count].Id,
                SectionId = sections[index % sections.Count].Id,
                SourceId = sources[index % sources.Count].Id,
                Language = "en",
            }, "Headline", async m =>
            {
                var result = await saver.SaveAsync(m, editor, ct);
                return (result.ArticleId, result.Errors);
            });
            // A second save, so the revisions page has a diff to show: the body gains the next chunk of payloads.
            var again = await forms.GetEditModelAsync(id, ct) ?? throw new InvalidOperationException("The article vanished.");
            var bodies = ChunksOf(Fields.Single(f => f.Property == nameof(ArticleEditModel.BodyMarkdown)));
            again.BodyMarkdown = bodies[(index + 1) % bodies.Count] + "\n\n" + again.BodyMarkdown;
            again.Dek = "Revised. " + again.Dek;
            var second = await saver.SaveAsync(again, editor, ct);
            Assert.True(second.Succeeded, $"second save of article {id}: {string.Join("; ", second.Errors.Values)}");
            if (i < articleCount - 1)
            {
                var published = await workflow.ApplyAsync(id, WorkflowAction.Publish, null, editor, ct);
                Assert.True(published.Succeeded, published.Error);
            }
            articleIds.Add(id);
        }

        // The last article stays a draft, seen through a share link.
        var token = await services.GetRequiredService<PreviewLinkService>().CreateAsync(articleIds[^1], TimeSpan.FromDays(7), editor, ct);
        Pages.Add(($"/preview/{token}", 200));

        var articles = await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Slug, a.Headline, Tags = a.Tags.Select(t => new { t.TagId, t.Tag!.Slug }).ToList() })
            .ToDictionaryAsync(a => a.Id, ct);
        foreach (var (id, article) in articles)
        {
            Headlines[id] = article.Headline;
        }
        // The media rows' articles (below) are published after these, so the listings have their pages too.
        var mediaCount = Fields.Where(f => f.Target == XssTarget.Media).Max(f => ChunksOf(f).Count);
        var pageCount = ((articleCount + mediaCount) / 20) + 2;

        // Library images, uploaded through the upload service with their words, each the hero and a body image of an
        // article of its own, picked the way the editor's picker does it: the hero alt left to the image, its caption
        // and credit copied into the article's fields.
        var uploads = services.GetRequiredService<MediaUploads>();
        var mediaRows = new List<(int Id, string Slug)>();
        for (var i = 0; i < mediaCount; i++)
        {
            string? Chunk(string property)
            {
                var chunks = ChunksOf(Fields.Single(f => f.Target == XssTarget.Media && f.Property == property));
                return chunks[i % chunks.Count];
            }
            var details = new MediaDetailsForm { AltText = Chunk(nameof(MediaDetailsForm.AltText)), Caption = Chunk(nameof(MediaDetailsForm.Caption)), Credit = Chunk(nameof(MediaDetailsForm.Credit)) };
            await using var picture = new MemoryStream(SmallPicture(i));
            var upload = await uploads.UploadAsync($"xss-{i}.png", picture, details, editor, ct);
            Assert.True(upload.Id is not null, $"media {i}: {upload.Error}");
            var media = await db.Media.AsNoTracking().SingleAsync(m => m.Id == upload.Id, ct);
            var url = MediaUrls.Path(media.Id, media.FileName, media.Version);
            var saved = await saver.SaveAsync(new ArticleEditModel
            {
                Headline = $"XSS media {i}",
                BodyMarkdown = $"A picture from the library follows.\n\n![]({url}?w=960)\n\nAnd the text goes on.",
                Kind = ArticleKind.News,
                AuthorId = authors[i % authors.Count].Id,
                SectionId = sections[i % sections.Count].Id,
                Language = "en",
                HeroImageUrl = url,
                HeroCaption = media.Caption,
                HeroCredit = media.Credit,
            }, editor, ct);
            Assert.True(saved.Succeeded, $"media {i}'s article: {string.Join("; ", saved.Errors.Select(e => e.Key + ": " + e.Value))}");
            var shown = await workflow.ApplyAsync(saved.ArticleId!.Value, WorkflowAction.Publish, null, editor, ct);
            Assert.True(shown.Succeeded, shown.Error);
            Headlines[saved.ArticleId.Value] = $"XSS media {i}";
            mediaRows.Add((media.Id, await db.Articles.Where(a => a.Id == saved.ArticleId).Select(a => a.Slug).SingleAsync(ct)));
        }

        // Readers' comments are stored as typed (they are text, never markup), approved, on the first article.
        var commentCount = Fields.Where(f => f.Target == XssTarget.Comment).Max(f => ChunksOf(f).Count);
        for (var i = 0; i < commentCount; i++)
        {
            string Chunk(string property)
            {
                var chunks = ChunksOf(Fields.Single(f => f.Target == XssTarget.Comment && f.Property == property));
                return chunks[i % chunks.Count];
            }
            db.Comments.Add(new Comment
            {
                ArticleId = articleIds[0],
                DisplayName = Chunk(nameof(Comment.DisplayName)),
                Email = $"xss-{i}@example.test",
                Body = Chunk(nameof(Comment.Body)),
                Status = CommentStatus.Approved,
                CreatedAt = DateTime.UtcNow.AddMinutes(-i),
            });
        }
        await db.SaveChangesAsync(ct);
        // The article page shows the first page of them; every one is on a discussion page.
        var commentPageSize = services.GetRequiredService<IOptions<CommentsOptions>>().Value.PageSize;
        var commentPageCount = Math.Max(1, (commentCount + commentPageSize - 1) / commentPageSize);

        void AddPages(XssField field, int row, Func<string, string> resolve)
        {
            // The field's first page type is opened for every row that holds payloads; its other page types for the
            // first SecondaryRows rows (all of them with XSS_FULL=1), so the run takes minutes, not half an hour.
            foreach (var template in field.RenderedOn.Where((_, n) => n == 0 || row < SecondaryRows))
            {
                var (path, status) = template.EndsWith(" =404", StringComparison.Ordinal) ? (template[..^5], 404) : (template, 200);
                var pages = path.Contains("{page}", StringComparison.Ordinal)
                    ? Enumerable.Range(1, pageCount).Select(p => path.Replace("{page}", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    : path.Contains("{commentpage}", StringComparison.Ordinal)
                    ? Enumerable.Range(1, commentPageCount).Select(p => path.Replace("{commentpage}", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    : [path];
                foreach (var page in pages)
                {
                    Pages.Add((resolve(page).Replace("{article}", articleIds[0].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), status));
                }
            }
        }

        foreach (var field in Fields)
        {
            var count = ChunksOf(field).Count;
            switch (field.Target)
            {
                case XssTarget.Article:
                    for (var i = 0; i < Math.Min(count, articleIds.Count); i++)
                    {
                        var article = articles[articleIds[i]];
                        // The last article is the draft, seen through its share link instead of reader pages.
                        Func<string, string> draftFree = i == articleIds.Count - 1
                            ? p => p.StartsWith("/articles/", StringComparison.Ordinal) ? $"/preview/{token}" : p
                            : p => p;
                        var tags = article.Tags.Where(t => !demoTags.Contains(t.TagId)).ToList();
                        if (field.Property == nameof(ArticleEditModel.Tags))
                        {
                            foreach (var tag in tags)
                            {
                                AddPages(field, i, p => Row(draftFree(p), article.Id, article.Slug)
                                    .Replace("{tag}", tag.Slug, StringComparison.Ordinal)
                                    .Replace("{tagid}", tag.TagId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                            }
                        }
                        else
                        {
                            AddPages(field, i, p => Row(draftFree(p), article.Id, article.Slug));
                        }
                    }
                    break;
                case XssTarget.Comment:
                    var first = articles[articleIds[0]];
                    AddPages(field, 0, p => Row(p, first.Id, first.Slug));
                    // The moderation list, every page of it (50 a page).
                    for (var page = 1; page <= (commentCount + 49) / 50; page++)
                    {
                        Pages.Add(($"/admin/comments?status=approved&page={page}", 200));
                    }
                    break;
                case XssTarget.Media:
                    for (var i = 0; i < Math.Min(count, mediaRows.Count); i++)
                    {
                        var (mediaId, slug) = mediaRows[i];
                        AddPages(field, i, p => Row(p, mediaId, slug));
                    }
                    break;
                case XssTarget.Query:
                    foreach (var chunk in ChunksOf(field))
                    {
                        AddPages(field, 0, p => p.Replace("{q}", Uri.EscapeDataString(chunk), StringComparison.Ordinal));
                    }
                    break;
                default:
                    var rows = field.Target switch { XssTarget.Author => authors, XssTarget.Section => sections, _ => sources };
                    for (var i = 0; i < Math.Min(count, rows.Count); i++)
                    {
                        var row = rows[i];
                        AddPages(field, i, p => Row(p, row.Id, row.Slug));
                    }
                    break;
            }
        }
        var distinct = Pages.Distinct().ToList();
        Pages.Clear();
        Pages.AddRange(distinct);

        async Task<List<(int Id, string Slug)>> SeedRowsAsync<TModel>(XssTarget target, Func<int, TModel> create, string required,
            Func<TModel, Task<(int? Id, Dictionary<string, string> Errors)>> save)
            where TModel : class, ICatalogEditModel
        {
            var count = Fields.Where(f => f.Target == target).Max(f => ChunksOf(f).Count);
            var ids = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var index = i;
                ids.Add(await SaveWithRetriesAsync(target, index, () => create(index), required, save));
            }
            var slugs = target switch
            {
                XssTarget.Author => await db.Authors.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Slug, ct),
                XssTarget.Section => await db.Sections.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Slug, ct),
                _ => await db.Sources.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Slug, ct),
            };
            return [.. ids.Select(id => (id, slugs[id]))];
        }
    }

    /// <summary>A small PNG, a different colour per row, for the library's uploads.</summary>
    private static byte[] SmallPicture(int row)
    {
        using var bitmap = new SKBitmap(64, 36);
        bitmap.Erase(new SKColor((byte)(row * 37 % 256), (byte)(row * 71 % 256), 160));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Row(string template, int id, string slug) =>
        template.Replace("{id}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal);

    private static readonly Dictionary<XssField, List<string>> ChunkCache = [];

    public static List<string> ChunksOf(XssField field)
    {
        lock (ChunkCache)
        {
            if (!ChunkCache.TryGetValue(field, out var chunks))
            {
                // An address field (no separator) holds one payload; only those the forms' address rule lets through
                // can be stored at all (the rest are refused on save), so those are the ones put through the pages.
                chunks = field.Separator.Length == 0
                    ? [.. XssCorpus.Payloads.Where(p => p.Length <= field.MaxLength && NewsPortal.Web.Features.Shared.WebAddress.IsValid(p, allowLocal: true))]
                    : XssCorpus.Chunks(field.MaxLength, field.Separator, field.MaxItemLength, field.Property == "Tags" ? 15 : int.MaxValue);
                ChunkCache[field] = chunks;
            }
            return chunks;
        }
    }

    /// <summary>
    /// Fills row <paramref name="index"/>'s fields with their chunk and saves through the app's service. A field the
    /// service refuses (a script URL, a slug it cannot use) is what the form would have refused too: it is emptied and the
    /// save tried again, and the refusal is noted.
    /// </summary>
    private async Task<int> SaveWithRetriesAsync<TModel>(XssTarget target, int index, Func<TModel> create, string required,
        Func<TModel, Task<(int? Id, Dictionary<string, string> Errors)>> save)
    {
        var refused = new HashSet<string>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var model = create();
            foreach (var field in Fields.Where(f => f.Target == target))
            {
                var chunks = ChunksOf(field);
                var value = refused.Contains(field.Property) ? null : chunks[index % chunks.Count];
                if (field.Property == required && value is null)
                {
                    // A required field is never left out: prefixed, it is tried again (a headline may not start with "[").
                    value = $"XSS {target} {index} {chunks[index % chunks.Count]}";
                    value = value[..Math.Min(value.Length, field.MaxLength)];
                    if (attempt > 6)
                    {
                        value = $"XSS {target} {index}";
                    }
                }
                typeof(TModel).GetProperty(field.Property)!.SetValue(model, value);
            }
            var (id, errors) = await save(model);
            if (errors.Count == 0 && id is { } saved)
            {
                return saved;
            }
            foreach (var key in errors.Keys)
            {
                Assert.True(key.Length > 0 && (refused.Add(key) || key == required), $"{target} {index}: the save failed: {string.Join("; ", errors.Select(e => e.Key + ": " + e.Value))}");
                lock (_seedNotes)
                {
                    _seedNotes.Add($"{target} {index}: {key} refused ({errors[key]})");
                }
            }
        }
        throw new InvalidOperationException($"{target} {index} could not be saved.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
