using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using Serilog.Core;

namespace NewsPortal.Tests.TestSupport;

/// <summary>
/// The one test host: the real app over its own fresh SQLite file, schema built by the real migrations,
/// a clock the test controls and its log events captured. What differs between test classes is said
/// by a <see cref="PortalOptions"/>; the named hosts in PortalHosts.cs exist only because xunit's
/// IClassFixture needs a distinct type with a parameterless constructor for each set of options.
/// </summary>
public class NewsPortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "newsportal-tests", Guid.NewGuid().ToString("N"));
    private readonly SqlRecorder? _sql;
    private string? _postgres;

    static NewsPortalFactory()
    {
        // Hundreds of hosts in one process, each watching appsettings*.json for changes, exhaust the machine's
        // inotify instances (128 by default) when hosts outlive their tests; no test changes a settings file.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public NewsPortalFactory()
        : this(PortalOptions.Default)
    {
    }

    protected NewsPortalFactory(PortalOptions options)
    {
        Options = options;
        _sql = options.RecordSql ? new SqlRecorder() : null;
        Logs = new LogCapture(options.CapturedLogLevel);
    }

    public PortalOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public LogCapture Logs { get; }

    /// <summary>Every SQL command the app runs between Start and Stop; only for hosts with <see cref="PortalOptions.RecordSql"/>.</summary>
    public SqlRecorder Sql => _sql ?? throw new InvalidOperationException("This host was started without PortalOptions.RecordSql.");

    public string DatabasePath => Path.Combine(_directory, "newsportal.db");

    public string MediaRoot => Path.Combine(_directory, "media");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        if (TestProvider.IsPostgres)
        {
            // Made once, before the host starts; the same database for the host's whole life.
            _postgres ??= SeededTemplate.Suits(Options)
                ? SeededTemplate.CopyTo(_directory)
                : PostgresServer.CreateDatabaseAsync().GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", _postgres);
        }
        else
        {
            if (SeededTemplate.Suits(Options) && !File.Exists(DatabasePath))
            {
                SeededTemplate.CopyTo(_directory);
            }
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("Seed:DemoContent", Options.DemoContent ? "true" : "false");
        builder.UseSetting("Media:Root", MediaRoot);
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("OutputCache:Enabled", Options.OutputCache ? "true" : "false");
        // Every test client shares one address; the limit tests set the real SignIn limits back through Settings.
        builder.UseSetting("SignIn:PermitLimit", "100000");
        builder.UseSetting("SignIn:AccountPermitLimit", "100000");
        if (Options.FirstAdmin is { } admin)
        {
            builder.UseSetting("Admin:Email", admin.Email);
            builder.UseSetting("Admin:Password", admin.Password);
        }
        foreach (var (key, value) in Options.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
            if (_sql is not null)
            {
                services.ConfigureDbContext<NewsPortalDbContext>(options => options.AddInterceptors(_sql));
                services.ConfigureDbContext<PostgresNewsPortalDbContext>(options => options.AddInterceptors(_sql));
            }
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

    /// <summary>Saves a test article, reports the change the way every save path does, and waits for its derived work.</summary>
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
        // As the app has it a moment after a save: indexed for search, related picks computed (the background worker).
        await this.DerivedWorkDoneAsync();
        return article;
    }

    /// <summary>Reports a change made straight through the DbContext, as the admin area's save paths do.</summary>
    public async Task PublishChangeAsync(int articleId, ArticleChangeKind kind, params string[] slugs)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArticleChangePublisher>()
            .PublishAsync(new ArticleChange(articleId, kind, slugs), CancellationToken.None);
    }

    public Task SetStatusAsync(int articleId, ArticleStatus status) =>
        WithDbAsync(db => db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status)));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_postgres is not null)
            {
                PostgresServer.DropDatabaseAsync(_postgres).GetAwaiter().GetResult();
            }
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
