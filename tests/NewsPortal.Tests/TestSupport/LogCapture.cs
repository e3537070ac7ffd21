using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Infrastructure;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using Serilog.Core;
using Serilog.Events;

namespace NewsPortal.Tests.Discovery;

/// <summary>The portal with demo content, whose log events the tests can read.</summary>
public class DiscoveryFactory : NewsPortalFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }

    /// <summary>Saves a test article and reports the change the way every save path does.</summary>
    public async Task<Article> SaveAndPublishChangeAsync(ArticleBuilder builder, ArticleChangeKind kind, Action<NewsPortalDbContext, Article>? configure = null)
    {
        var article = await WithDbAsync(async db =>
        {
            var saved = await builder.SaveAsync(db, Clock);
            if (configure is not null)
            {
                configure(db, saved);
                await db.SaveChangesAsync();
            }
            return saved;
        });
        await PublishChangeAsync(article.Id, kind, article.Slug);
        return article;
    }

    public async Task PublishChangeAsync(int articleId, ArticleChangeKind kind, string slug)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArticleChangePublisher>()
            .PublishAsync(new ArticleChange(articleId, kind, [slug]), CancellationToken.None);
    }

    public Task SetStatusAsync(int articleId, ArticleStatus status) =>
        WithDbAsync(db => db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status)));
}

public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Errors => _events.Where(e => e.Level >= LogEventLevel.Error).ToList();

    public IReadOnlyList<LogEvent> Warnings => _events.Where(e => e.Level >= LogEventLevel.Warning).ToList();
}
