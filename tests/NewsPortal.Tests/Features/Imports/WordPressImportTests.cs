using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Tests.Features.Imports;

public sealed class WordPressImportTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string Dredging = "harbour-council-passes-dredging-budget";

    private static string Sample => ImportSamples.PathOf("wordpress.xml");

    private Task<(ImportSummary Summary, RecordingProgress Progress)> ImportAsync() => ImportSamples.ImportAsync(factory.Services, "wordpress", Sample);

    private Task<Article> ArticleAsync(long postId) => factory.WithDbAsync(db => db.Articles.AsNoTracking()
        .Include(a => a.Author).Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
        .SingleAsync(a => a.ImportKey == $"wordpress:old.example.com:{postId}"));

    [Fact]
    public async Task Posts_keep_their_author_first_category_as_section_tags_and_featured_image()
    {
        await ImportAsync();

        var dredging = await ArticleAsync(123);
        Assert.Equal(Dredging, dredging.Slug);
        Assert.Equal("Harbour council passes the dredging budget", dredging.Headline);
        Assert.Equal("Mina Park", dredging.Author!.Name);
        Assert.Equal(("Harbour Politics", "harbour-politics"), (dredging.Section!.Name, dredging.Section.Slug));
        Assert.Equal(["Budget 2024", "City Council"], dredging.Tags.Select(t => t.Tag!.Name).Order());
        Assert.Equal("https://old.example.com/wp-content/uploads/2024/05/dredging-vote.jpg", dredging.HeroImageUrl);
        Assert.Equal("Council members raise their hands", dredging.HeroAlt);
        Assert.Equal("Council members vote on the dredging budget.", dredging.HeroCaption);
        Assert.Equal("Nine votes to two: the eastern channel will be dredged.", dredging.Dek);
        Assert.Equal(ArticleStatus.Published, dredging.Status);
        Assert.Equal(new DateTime(2024, 5, 14, 8, 30, 0, DateTimeKind.Utc), dredging.PublishedAt);

        var containers = await ArticleAsync(124);
        Assert.Equal("Jae-won Lee", containers.Author!.Name);
        Assert.Equal("shipping", containers.Section!.Slug);
        // The second category is kept as a tag: an article has one section.
        Assert.Equal(["Container ships", "Harbour Politics"], containers.Tags.Select(t => t.Tag!.Name).Order());
        Assert.Null(containers.HeroImageUrl);

        // No display name: first and last name; "Uncategorized" means the default section.
        var lighthouse = await ArticleAsync(126);
        Assert.Equal("Olivia Carter", lighthouse.Author!.Name);
        Assert.Equal("News", lighthouse.Section!.Name);
    }

    [Fact]
    public async Task Drafts_stay_drafts_future_posts_are_scheduled_and_everything_but_posts_is_counted_as_skipped()
    {
        var (summary, progress) = await ImportAsync();

        var draft = await ArticleAsync(125);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Null(draft.PublishedAt);
        Assert.Equal("notes-on-the-ferry-timetable", draft.Slug);
        var future = await ArticleAsync(127);
        Assert.Equal(ArticleStatus.Scheduled, future.Status);
        Assert.Equal(new DateTime(2027, 1, 10, 9, 0, 0, DateTimeKind.Utc), future.PublishedAt);

        Assert.Equal(1, summary.SkippedOf("pages"));
        Assert.Equal(1, summary.SkippedOf("attachments"));
        Assert.Equal(1, summary.SkippedOf("nav menu items"));
        Assert.Equal(1, summary.SkippedOf("revisions"));
        // The trashed post.
        Assert.Equal(1, summary.SkippedOf("articles"));
        Assert.Contains(summary.Warnings, w => w.Contains("wordpress:old.example.com:128", StringComparison.Ordinal) && w.Contains("trash", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.ImportKey == "wordpress:old.example.com:110" || a.ImportKey == "wordpress:old.example.com:128")));
        Assert.Equal(5, summary.AddedOf("articles") + summary.UpdatedOf("articles") + summary.UnchangedOf("articles"));

        // One report per item of the channel, ending at the total.
        var posts = progress.Reports.Where(r => r.Stage == "posts").ToList();
        Assert.Equal(10, posts.Count);
        Assert.Equal(new TransferProgress("posts", 10, 10), posts[^1]);
    }

    [Fact]
    public async Task The_imported_page_shows_the_body_as_Markdown_with_images_and_embeds_but_no_script_or_handlers()
    {
        await ImportAsync();
        var dredging = await ArticleAsync(123);
        Assert.DoesNotContain("wp:paragraph", dredging.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("**dredging**", dredging.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("## What happens next", dredging.BodyMarkdown, StringComparison.Ordinal);
        // Relative images resolve against the old site.
        Assert.Contains("https://old.example.com/wp-content/uploads/2024/05/channel-map.png", dredging.BodyMarkdown, StringComparison.Ordinal);

        using var client = factory.CreateReaderClient();
        var html = await client.GetStringAsync($"/articles/{Dredging}");
        var document = await Html.ParseAsync(html);
        var body = document.QuerySelector("article") ?? document.Body!;
        // Only the site's own scripts (comments.js) are in the article; nothing of the body's.
        Assert.All(body.QuerySelectorAll("script"), script => Assert.StartsWith("/js/", script.GetAttribute("src") ?? "(inline)", StringComparison.Ordinal));
        Assert.DoesNotContain("document.cookie", html, StringComparison.Ordinal);
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(body.QuerySelectorAll("img"), img => img.GetAttribute("src") == "https://old.example.com/wp-content/uploads/2024/05/channel-map.png"
            && img.GetAttribute("alt") == "Map of the eastern channel");
        Assert.Contains(document.QuerySelectorAll("img"), img => img.GetAttribute("src") == "https://old.example.com/wp-content/uploads/2024/05/dredging-vote.jpg");
        Assert.NotEmpty(body.QuerySelectorAll("li"));

        var containers = await client.GetStringAsync("/articles/container-traffic-record");
        var page = await Html.ParseAsync(containers);
        var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ", links);
        Assert.Contains("https://www.youtube.com/embed/abc123XYZ", links);
        Assert.Contains("https://old.example.com/2024/04/cranes-arrive/", links);
        Assert.DoesNotContain(links, l => l.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.QuerySelectorAll("iframe"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(page.QuerySelectorAll("img"), img => img.GetAttribute("alt") == "Cranes at dusk");
        Assert.DoesNotContain("[caption", containers, StringComparison.Ordinal);
        // Blank lines were the paragraphs of the classic editor.
        Assert.True(page.QuerySelectorAll("article p, main p").Length >= 3);
    }

    [Fact]
    public async Task Imported_articles_appear_in_search_and_in_their_section_like_typed_ones()
    {
        await ImportAsync();

        using var client = factory.CreateReaderClient();
        var search = await client.GetStringAsync("/search?q=dredging");
        Assert.Contains($"/articles/{Dredging}", search, StringComparison.Ordinal);
        var section = await client.GetStringAsync("/sections/harbour-politics");
        Assert.Contains($"/articles/{Dredging}", section, StringComparison.Ordinal);
        Assert.DoesNotContain("/articles/harbour-festival-programme", section, StringComparison.Ordinal);
        var author = await client.GetStringAsync("/authors/mina-park");
        Assert.Contains($"/articles/{Dredging}", author, StringComparison.Ordinal);
        var tag = await client.GetStringAsync("/tags/city-council");
        Assert.Contains($"/articles/{Dredging}", tag, StringComparison.Ordinal);

        var dredging = await ArticleAsync(123);
        Assert.NotEmpty(dredging.BodyHtml);
        Assert.NotEmpty(dredging.Excerpt);
        Assert.True(dredging.ReadingMinutes >= 1);
        Assert.True(await factory.WithDbAsync(db => db.Revisions.AnyAsync(r => r.ArticleId == dredging.Id)));
    }

    [Fact]
    public async Task Importing_twice_gives_the_same_counts_and_no_duplicate_rows()
    {
        var (first, _) = await ImportAsync();
        var rowsAfterFirst = await RowCountsAsync();

        var (second, _) = await ImportAsync();

        Assert.Equal(rowsAfterFirst, await RowCountsAsync());
        foreach (var kind in new[] { "articles", "authors", "sections", "tags", "redirects" })
        {
            Assert.Equal(0, second.AddedOf(kind));
            Assert.Equal(0, second.UpdatedOf(kind));
            Assert.Equal(first.AddedOf(kind) + first.UpdatedOf(kind) + first.UnchangedOf(kind), second.UnchangedOf(kind));
        }
        Assert.Equal(5, second.UnchangedOf("articles"));
        Assert.Equal(3, second.UnchangedOf("authors"));
        Assert.Equal(first.Lines().Where(l => l.StartsWith("pages", StringComparison.Ordinal)), second.Lines().Where(l => l.StartsWith("pages", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_post_changed_on_the_old_site_updates_its_article_instead_of_adding_one()
    {
        await ImportAsync();
        var before = await ArticleAsync(124);
        var changed = Path.Combine(Path.GetTempPath(), $"wxr-changed-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(Sample)).Replace("Officials credited the new cranes.", "Officials credited the new cranes and the night shift.", StringComparison.Ordinal));
        try
        {
            var (summary, _) = await ImportSamples.ImportAsync(factory.Services, "wordpress", changed);

            Assert.Equal(1, summary.UpdatedOf("articles"));
            Assert.Equal(4, summary.UnchangedOf("articles"));
            var after = await ArticleAsync(124);
            Assert.Equal(before.Id, after.Id);
            Assert.Contains("night shift", after.BodyMarkdown, StringComparison.Ordinal);
            Assert.Contains("night shift", after.BodyHtml, StringComparison.Ordinal);
            Assert.Equal(1, await factory.WithDbAsync(db => db.Articles.CountAsync(a => a.ImportKey == "wordpress:old.example.com:124")));
        }
        finally
        {
            File.Delete(changed);
            // Leave the sample's version for the other tests of this class.
            await ImportAsync();
        }
    }

    private Task<(int Articles, int Authors, int Sections, int Tags, int ArticleTags, int Permalinks)> RowCountsAsync() =>
        factory.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.Authors.CountAsync(), await db.Sections.CountAsync(),
            await db.Tags.CountAsync(), await db.ArticleTags.CountAsync(), await db.LegacyPermalinks.CountAsync()));
}
