using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Features.Editorial;

/// <summary>A workflow action on an article someone changed meanwhile is refused with a message, never an exception (a 500).</summary>
public class WorkflowConcurrencyTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private static readonly Editor Publisher = new(null, "Concurrent editor", CanPublish: true, IsAdmin: false, AuthorId: null);

    /// <summary>
    /// Loads the article into the scope's context (what the editor saw), then changes its version in the database
    /// from elsewhere (another editor's save), then runs <paramref name="act"/> in the stale scope.
    /// </summary>
    private async Task<WorkflowResult> AfterAConcurrentChangeAsync(int articleId, Func<ArticleWorkflowService, Task<WorkflowResult>> act)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();
        await db.Articles.FirstAsync(a => a.Id == articleId);
        await factory.WithDbAsync(other => other.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, Guid.NewGuid()).SetProperty(a => a.Headline, "The other editor's headline")));
        return await act(scope.ServiceProvider.GetRequiredService<ArticleWorkflowService>());
    }

    private Task<Article> NewArticleAsync(ArticleStatus status) =>
        factory.WithDbAsync(db => ArticleBuilder.Article().WithStatus(status).SaveAsync(db, factory.Clock));

    private Task<ArticleStatus> StatusAsync(int id) =>
        factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    [Theory]
    [InlineData(WorkflowAction.Publish, ArticleStatus.Draft)]
    [InlineData(WorkflowAction.Unpublish, ArticleStatus.Published)]
    [InlineData(WorkflowAction.Schedule, ArticleStatus.Draft)]
    [InlineData(WorkflowAction.Unschedule, ArticleStatus.Scheduled)]
    public async Task A_transition_on_a_concurrently_changed_article_is_refused_with_a_reload_message(WorkflowAction action, ArticleStatus from)
    {
        var article = await NewArticleAsync(from);
        var at = factory.Clock.GetUtcNow().UtcDateTime.AddDays(2);

        var result = await AfterAConcurrentChangeAsync(article.Id, workflow => workflow.ApplyAsync(article.Id, action, at, Publisher, CancellationToken.None));

        Assert.Equal(AccessResult.Allowed, result.Access);
        Assert.Equal(ArticleWorkflowService.ChangedMeanwhile, result.Error);
        Assert.Equal(from, await StatusAsync(article.Id));
    }

    [Fact]
    public async Task Unpublishing_a_concurrently_changed_article_leaves_its_preview_links_alone()
    {
        var article = await NewArticleAsync(ArticleStatus.Published);
        await factory.WithDbAsync(async db =>
        {
            db.PreviewLinks.Add(new PreviewLink { ArticleId = article.Id, TokenHash = PreviewLinkService.Hash("t-" + article.Id), CreatedAt = factory.Clock.GetUtcNow().UtcDateTime, ExpiresAt = factory.Clock.GetUtcNow().UtcDateTime.AddDays(1) });
            await db.SaveChangesAsync();
        });

        var result = await AfterAConcurrentChangeAsync(article.Id, workflow => workflow.ApplyAsync(article.Id, WorkflowAction.Unpublish, null, Publisher, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.True(await factory.WithDbAsync(db => db.PreviewLinks.AnyAsync(p => p.ArticleId == article.Id && p.RevokedAt == null)));
    }

    [Fact]
    public async Task Restoring_a_revision_of_a_concurrently_changed_article_is_refused_and_keeps_the_other_edit()
    {
        var article = await NewArticleAsync(ArticleStatus.Draft);
        var revisionId = await factory.WithDbAsync(async db =>
        {
            var revision = new Revision { ArticleId = article.Id, Headline = "An old headline", Dek = "", BodyMarkdown = "Old body.", SavedByName = "Someone", SavedAt = factory.Clock.GetUtcNow().UtcDateTime };
            db.Revisions.Add(revision);
            await db.SaveChangesAsync();
            return revision.Id;
        });

        var result = await AfterAConcurrentChangeAsync(article.Id, workflow => workflow.RestoreAsync(article.Id, revisionId, Publisher, CancellationToken.None));

        Assert.Equal(ArticleWorkflowService.ChangedMeanwhile, result.Error);
        Assert.Equal("The other editor's headline", await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Headline).SingleAsync()));
    }
}
