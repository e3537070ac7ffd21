using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Tests.Features.Imports;

public sealed class GhostImportTests(GhostImportTests.Host factory) : IClassFixture<GhostImportTests.Host>
{
    /// <summary>Ghost's __GHOST_URL__ placeholder needs the old site's address.</summary>
    public sealed class Host() : NewsPortalFactory(new PortalOptions
    {
        Settings = new Dictionary<string, string?> { ["Imports:OldSiteUrl"] = "https://ghost.example.org" },
    });

    private const string Ferry = "ghost:65f1a0c0b1e2a40001a1b001";

    private Task<(ImportSummary Summary, RecordingProgress Progress)> ImportAsync() =>
        ImportSamples.ImportAsync(factory.Services, "ghost", ImportSamples.PathOf("ghost.json"));

    private Task<Article> ArticleAsync(string key) => factory.WithDbAsync(db => db.Articles.AsNoTracking()
        .Include(a => a.Author).Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
        .SingleAsync(a => a.ImportKey == key));

    [Fact]
    public async Task Posts_keep_their_primary_author_public_tags_and_feature_image()
    {
        await ImportAsync();

        var ferry = await ArticleAsync(Ferry);
        Assert.Equal("night-ferry-returns", ferry.Slug);
        // posts_authors names Hana first; Grace is a co-author the portal's single byline cannot carry.
        Assert.Equal("Hana Seo", ferry.Author!.Name);
        Assert.Equal("Islands correspondent.", ferry.Author.Bio);
        // The internal #newsletter tag is Ghost's own; public tags keep their order.
        Assert.Equal(["Ferries", "Islands"], ferry.Tags.Select(t => t.Tag!.Name).Order());
        Assert.Equal("https://images.example.net/ferry-hero.jpg", ferry.HeroImageUrl);
        Assert.Equal("The night ferry leaving the pier", ferry.HeroAlt);
        Assert.Equal("Photo: Harbour Office", ferry.HeroCaption);
        Assert.Equal("Sailings at 22:00 and 23:30 from Friday.", ferry.Dek);
        Assert.Equal(new DateTime(2024, 6, 2, 7, 0, 0, DateTimeKind.Utc), ferry.PublishedAt);
        // No section has the primary tag's slug: the default section.
        Assert.Equal("News", ferry.Section!.Name);
        Assert.Contains("https://ghost.example.org/content/images/2024/06/ferry.jpg", ferry.BodyMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("__GHOST_URL__", ferry.BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_primary_tag_files_the_article_in_the_section_of_that_slug_when_there_is_one()
    {
        await factory.WithDbAsync(async db =>
        {
            if (!await db.Sections.AnyAsync(s => s.Slug == "markets"))
            {
                db.Sections.Add(new Section { Name = "Markets", Slug = "markets", SortOrder = 50 });
                await db.SaveChangesAsync();
            }
        });

        var (summary, _) = await ImportAsync();

        var fish = await ArticleAsync("ghost:65f1a0c0b1e2a40001a1b002");
        Assert.Equal("markets", fish.Section!.Slug);
        Assert.Equal("Tomás Ruiz", fish.Author!.Name);
        Assert.Equal(0, summary.AddedOf("sections"));
    }

    [Fact]
    public async Task A_post_without_html_takes_its_plain_text_and_pages_are_skipped()
    {
        var (summary, progress) = await ImportAsync();

        var fish = await ArticleAsync("ghost:65f1a0c0b1e2a40001a1b002");
        Assert.Equal("Prices rose for the third week.\n\nBuyers blame the weather.", fish.BodyMarkdown);
        Assert.Equal(1, summary.SkippedOf("pages"));
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.ImportKey == "ghost:65f1a0c0b1e2a40001a1b005")));
        Assert.Equal(ArticleStatus.Draft, (await ArticleAsync("ghost:65f1a0c0b1e2a40001a1b003")).Status);
        var regatta = await ArticleAsync("ghost:65f1a0c0b1e2a40001a1b004");
        Assert.Equal(ArticleStatus.Scheduled, regatta.Status);
        Assert.Equal("Grace Obi", regatta.Author!.Name);
        Assert.Equal(new TransferProgress("posts", 5, 5), progress.Reports[^1]);
    }

    [Fact]
    public async Task The_rendered_article_has_images_and_the_embed_as_a_link_but_no_script_or_handlers()
    {
        await ImportAsync();

        using var client = factory.CreateReaderClient();
        var html = await client.GetStringAsync("/articles/night-ferry-returns");
        var page = await Html.ParseAsync(html);
        var article = page.QuerySelector("article")!;
        // Only the site's own scripts (comments.js) are in the article; nothing of the body's.
        Assert.All(article.QuerySelectorAll("script"), script => Assert.StartsWith("/js/", script.GetAttribute("src") ?? "(inline)", StringComparison.Ordinal));
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(article.QuerySelectorAll("img"), img => img.GetAttribute("src") == "https://ghost.example.org/content/images/2024/06/ferry.jpg");
        Assert.Contains(article.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "https://www.youtube.com/embed/ferry2024");
        Assert.Empty(article.QuerySelectorAll("iframe"));
    }

    [Fact]
    public async Task Importing_twice_gives_the_same_counts_and_no_duplicate_rows()
    {
        var (first, _) = await ImportAsync();
        var articles = await factory.WithDbAsync(db => db.Articles.CountAsync());
        var authors = await factory.WithDbAsync(db => db.Authors.CountAsync());
        var tags = await factory.WithDbAsync(db => db.Tags.CountAsync());

        var (second, _) = await ImportAsync();

        Assert.Equal((articles, authors, tags), (await factory.WithDbAsync(db => db.Articles.CountAsync()),
            await factory.WithDbAsync(db => db.Authors.CountAsync()), await factory.WithDbAsync(db => db.Tags.CountAsync())));
        foreach (var kind in new[] { "articles", "authors", "tags", "redirects" })
        {
            Assert.Equal(0, second.AddedOf(kind) + second.UpdatedOf(kind));
            Assert.Equal(first.AddedOf(kind) + first.UpdatedOf(kind) + first.UnchangedOf(kind), second.UnchangedOf(kind));
        }
        Assert.Equal(4, second.UnchangedOf("articles"));
        Assert.Equal(3, second.UnchangedOf("authors"));
    }

    [Fact]
    public async Task The_old_Ghost_address_answers_301_to_the_article()
    {
        await ImportAsync();
        using var client = factory.CreateReaderClient();

        using var response = await client.GetAsync("/night-ferry-returns/");

        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles/night-ferry-returns", response.Headers.Location?.OriginalString);
    }
}
