using System.Net;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Controllers;

/// <summary>A tag page exists for readers only once a published article carries the tag.</summary>
public class TagPageTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    private async Task<Tag> NewTagAsync(string name)
    {
        return await factory.WithDbAsync(async db =>
        {
            var tag = new Tag { Slug = "tag-" + Guid.NewGuid().ToString("N")[..10], Name = name };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            return tag;
        });
    }

    private Task<Article> TagArticleAsync(Tag tag, ArticleBuilder builder) =>
        factory.WithDbAsync(async db =>
        {
            var article = await builder.SaveAsync(db, factory.Clock);
            db.ArticleTags.Add(new ArticleTag { ArticleId = article.Id, TagId = tag.Id });
            await db.SaveChangesAsync();
            return article;
        });

    [Fact]
    public async Task A_tag_used_only_by_a_draft_and_a_scheduled_article_is_not_found_and_not_named()
    {
        var tag = await NewTagAsync("Secretmergerplan");
        await TagArticleAsync(tag, ArticleBuilder.Article().WithStatus(ArticleStatus.Draft));
        await TagArticleAsync(tag, ArticleBuilder.Article().WithStatus(ArticleStatus.Scheduled)
            .PublishedAt(factory.Clock.GetUtcNow().UtcDateTime.AddDays(1)));

        using var response = await _client.GetAsync($"/tags/{tag.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Secretmergerplan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_with_no_articles_at_all_is_not_found()
    {
        var tag = await NewTagAsync("Unusedtag");

        using var response = await _client.GetAsync($"/tags/{tag.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_tag_with_a_published_article_lists_it()
    {
        var tag = await NewTagAsync("Publictag");
        await TagArticleAsync(tag, ArticleBuilder.Article().WithStatus(ArticleStatus.Draft));
        var published = await TagArticleAsync(tag, ArticleBuilder.Article().WithHeadline("Public tagged story " + Guid.NewGuid().ToString("N")[..6]));

        var page = await _client.GetDocumentAsync($"/tags/{tag.Slug}");

        Assert.Contains("#Publictag", page.Title, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent.Contains(published.Headline, StringComparison.Ordinal));
    }
}
