using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Operations;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Operations.Generator;

namespace NewsPortal.Tests.Operations;

public class GeneratorTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task Generate_adds_published_english_and_korean_articles_with_tags_related_links_and_comments()
    {
        var before = await factory.WithDbAsync(db => db.Articles.CountAsync());
        var lastId = await factory.WithDbAsync(db => db.Articles.MaxAsync(a => a.Id));
        await using var scope = factory.Services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<ArticleGenerator>();
        using var output = new StringWriter();

        var summary = await generator.GenerateAsync(new GeneratorOptions(600, Seed: 7, BodyPoolSize: 40), output, default);

        Assert.Equal(600, summary.Articles);
        Assert.Contains("600 / 600 articles", output.ToString());
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(before + 600, await db.Articles.CountAsync());
            var generated = db.Articles.Where(a => a.Id > lastId);
            Assert.InRange(await generated.CountAsync(a => a.Status == ArticleStatus.Published), 560, 600);
            Assert.True(await generated.AnyAsync(a => a.Language == "ko"));
            Assert.True(await generated.AnyAsync(a => a.Language == "en"));
            Assert.True(await generated.AnyAsync(a => a.Kind == ArticleKind.Column));
            Assert.True(await generated.AnyAsync(a => a.TranslationGroup != null));
            Assert.Equal(summary.ArticleTags, await db.ArticleTags.CountAsync(t => generated.Any(a => a.Id == t.ArticleId)));
            Assert.True(summary.RelatedLinks > 0);
            Assert.Equal(summary.RelatedLinks, await db.RelatedLinks.CountAsync(r => generated.Any(a => a.Id == r.ArticleId)));
            Assert.True(await db.Comments.AnyAsync(c => c.Status == CommentStatus.Approved && generated.Any(a => a.Id == c.ArticleId)));
            Assert.Equal(600, await generated.Select(a => a.Slug).Distinct().CountAsync());
            Assert.Equal(600, await db.Revisions.CountAsync(r => r.ArticleId > lastId && r.SavedByName == "Generator"));
        });
    }

    [Fact]
    public async Task Generated_articles_store_exactly_what_the_content_service_derives_and_render_as_pages()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArticleGenerator>()
            .GenerateAsync(new GeneratorOptions(60, Seed: 11, BodyPoolSize: 10), TextWriter.Null, default);
        var content = scope.ServiceProvider.GetRequiredService<ArticleContentService>();

        var samples = await factory.WithDbAsync(db => db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= factory.Clock.GetUtcNow().UtcDateTime && a.Slug.Contains("-gisa-") == false)
            .OrderByDescending(a => a.Id).Take(5).ToListAsync());
        Assert.NotEmpty(samples);
        var client = factory.CreateReaderClient();
        foreach (var stored in samples)
        {
            var expected = new Article { Slug = stored.Slug, Headline = stored.Headline, BodyMarkdown = stored.BodyMarkdown };
            content.Refresh(expected);
            Assert.Equal(expected.BodyHtml, stored.BodyHtml);
            Assert.Equal(expected.Excerpt, stored.Excerpt);
            Assert.Equal(expected.KeyPoints, stored.KeyPoints);
            Assert.Equal(expected.ReadingMinutes, stored.ReadingMinutes);
            var keyPoints = stored.KeyPoints.Split('\n');
            Assert.Equal(keyPoints.Length, keyPoints.Distinct().Count());

            var page = await client.GetDocumentAsync($"/articles/{stored.Slug}");
            Assert.Equal(stored.Headline, page.QuerySelector("h1")!.TextContent.Trim().Split("] ").Last());
        }
    }

    [Fact]
    public async Task Tag_rows_keep_a_copy_of_their_articles_status_and_publish_time()
    {
        var article = await factory.WithDbAsync(async db =>
        {
            var saved = await ArticleBuilder.Article().SaveAsync(db, factory.Clock);
            db.ArticleTags.Add(new ArticleTag { ArticleId = saved.Id, TagId = await db.Tags.Select(t => t.Id).FirstAsync() });
            await db.SaveChangesAsync();
            return saved;
        });
        var later = factory.Clock.GetUtcNow().UtcDateTime.AddDays(2);

        var inserted = await factory.WithDbAsync(db => db.ArticleTags.SingleAsync(t => t.ArticleId == article.Id));
        await factory.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Status = ArticleStatus.Scheduled;
            tracked.PublishedAt = later;
            await db.SaveChangesAsync();
        });
        var updated = await factory.WithDbAsync(db => db.ArticleTags.AsNoTracking().SingleAsync(t => t.ArticleId == article.Id));

        Assert.Equal(ArticleStatus.Published, inserted.ArticleStatus);
        Assert.Equal(article.PublishedAt, inserted.ArticlePublishedAt);
        Assert.Equal(ArticleStatus.Scheduled, updated.ArticleStatus);
        Assert.Equal(later, updated.ArticlePublishedAt);
    }

    [Theory]
    [InlineData]
    [InlineData("--articles")]
    [InlineData("--articles", "abc")]
    [InlineData("--articles", "0")]
    [InlineData("--articles", "-5")]
    [InlineData("--articles", "99999999")]
    [InlineData("--articles", "10", "--seed", "x")]
    public async Task Bad_arguments_are_refused_with_usage_and_exit_code_2(params string[] arguments)
    {
        var before = await factory.WithDbAsync(db => db.Articles.CountAsync());
        var error = new StringWriter();

        var exitCode = await new GenerateCommand().RunAsync(arguments, factory.Services, new CommandOutput(TextWriter.Null, error), default);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: generate --articles N", error.ToString());
        Assert.Equal(before, await factory.WithDbAsync(db => db.Articles.CountAsync()));
    }
}
