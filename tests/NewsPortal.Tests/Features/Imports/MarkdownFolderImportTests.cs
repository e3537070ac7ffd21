using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Tests.Features.Imports;

public sealed class MarkdownFolderImportTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private Task<(ImportSummary Summary, RecordingProgress Progress)> ImportAsync() =>
        ImportSamples.ImportAsync(factory.Services, "markdown", ImportSamples.PathOf("markdown"));

    private Task<Article> ArticleAsync(string key) => factory.WithDbAsync(db => db.Articles.AsNoTracking()
        .Include(a => a.Author).Include(a => a.Section).Include(a => a.Tags).ThenInclude(t => t.Tag)
        .SingleAsync(a => a.ImportKey == key));

    [Fact]
    public async Task Front_matter_gives_the_article_its_fields_and_the_body_stays_the_Markdown_it_was()
    {
        await ImportAsync();

        var tides = await ArticleAsync("markdown:tide-tables.md");
        Assert.Equal(("New tide tables published", "new-tide-tables"), (tides.Headline, tides.Slug));
        Assert.Equal("The harbour office has printed next year's tables.", tides.Dek);
        Assert.Equal("Ida Brandt", tides.Author!.Name);
        Assert.Equal("Shipping Notes", tides.Section!.Name);
        Assert.Equal(["Safety", "Tides"], tides.Tags.Select(t => t.Tag!.Name).Order());
        Assert.Equal(("https://images.example.net/tide.jpg", "A tide gauge on the quay"), (tides.HeroImageUrl, tides.HeroAlt));
        Assert.Equal(ArticleStatus.Published, tides.Status);
        Assert.Equal(new DateTime(2024, 4, 2, 6, 0, 0, DateTimeKind.Utc), tides.PublishedAt);
        Assert.Equal("The harbour office has published the **tide tables** for next year.\n\n- Spring tides peak in March.\n- Neap tides are lowest in June.", tides.BodyMarkdown);
        Assert.Contains("<strong>tide tables</strong>", tides.BodyHtml, StringComparison.Ordinal);

        var pier = await ArticleAsync("markdown:2024/pier-works.md");
        Assert.Equal(ArticleStatus.Draft, pier.Status);
        Assert.Equal("pier-works", pier.Slug);
        Assert.Equal(["Fishing", "Pier"], pier.Tags.Select(t => t.Tag!.Name).Order());
        // No section in the front matter: the default one.
        Assert.Equal("News", pier.Section!.Name);
    }

    [Fact]
    public async Task A_file_with_broken_front_matter_is_skipped_with_a_warning_naming_it_and_the_rest_are_imported()
    {
        var (summary, progress) = await ImportAsync();

        Assert.Equal(1, summary.SkippedOf("articles"));
        Assert.Contains(summary.Warnings, w => w.StartsWith("broken.md:", StringComparison.Ordinal) && w.Contains("YAML", StringComparison.Ordinal));
        Assert.Equal(2, summary.AddedOf("articles") + summary.UpdatedOf("articles") + summary.UnchangedOf("articles"));
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.ImportKey == "markdown:broken.md" || a.ImportKey == "markdown:notes.txt")));
        Assert.Equal(new TransferProgress("files", 3, 3), progress.Reports[^1]);
    }

    [Fact]
    public async Task Importing_twice_gives_the_same_counts_and_no_duplicate_rows()
    {
        var (first, _) = await ImportAsync();
        var rows = await factory.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.Tags.CountAsync(), await db.Sections.CountAsync(), await db.Revisions.CountAsync()));

        var (second, _) = await ImportAsync();

        Assert.Equal(rows, await factory.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.Tags.CountAsync(), await db.Sections.CountAsync(), await db.Revisions.CountAsync())));
        Assert.Equal(2, second.UnchangedOf("articles"));
        Assert.Equal(first.SkippedOf("articles"), second.SkippedOf("articles"));
        Assert.Equal(first.AddedOf("tags") + first.UnchangedOf("tags"), second.UnchangedOf("tags"));
    }

    [Fact]
    public async Task The_published_file_renders_as_a_reader_page()
    {
        await ImportAsync();
        using var client = factory.CreateReaderClient();

        var page = await client.GetDocumentAsync("/articles/new-tide-tables");

        Assert.Equal("New tide tables published", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("article li"), li => li.TextContent.Trim() == "Spring tides peak in March.");
        Assert.Contains(page.QuerySelectorAll("article strong"), strong => strong.TextContent == "tide tables");
    }
}
