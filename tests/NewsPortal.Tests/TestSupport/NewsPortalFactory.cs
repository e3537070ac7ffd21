using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPortal.Web.Data;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>
/// The real app over its own fresh SQLite file, schema built by the real migrations, demo content
/// loaded, and a clock the test controls.
/// </summary>
public class NewsPortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "newsportal-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    protected virtual bool SeedDemoContent => true;

    /// <summary>
    /// Off by default so tests that change data straight through the DbContext (without
    /// ArticleChangePublisher) see fresh pages; the Performance tests turn it on.
    /// </summary>
    protected virtual bool OutputCacheEnabled => false;

    public string DatabasePath => Path.Combine(_directory, "newsportal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:DemoContent", SeedDemoContent ? "true" : "false");
        builder.UseSetting("Media:Root", Path.Combine(_directory, "media"));
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("OutputCache:Enabled", OutputCacheEnabled ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<T> WithDbAsync<T>(Func<NewsPortalDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>());
    }

    public Task WithDbAsync(Func<NewsPortalDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return true; });

    public HttpClient CreateReaderClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown is left for the OS temp cleaner.
            }
        }
    }
}

public static class Html
{
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} gave {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await ParseAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(request => request.Content(html));
    }
}
