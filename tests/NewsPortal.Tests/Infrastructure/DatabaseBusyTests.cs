using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>A portal whose writers give up quickly: 100 ms busy timeout, 1 s command timeout, one retry.</summary>
public sealed class ImpatientWritersFactory() : NewsPortalFactory(new PortalOptions
{
    Settings = new Dictionary<string, string?>
    {
        ["Database:BusyTimeoutMilliseconds"] = "100",
        ["Database:CommandTimeoutSeconds"] = "1",
        ["Database:WriteRetries"] = "1",
    },
});

/// <summary>A save that meets another writer's lock is retried, and answers 503 with Retry-After when the lock outlasts the retries.</summary>
[Collection(nameof(DatabaseLockCollection))]
[Trait("Database", "Sqlite")]
public class DatabaseBusyTests(ImpatientWritersFactory factory) : IClassFixture<ImpatientWritersFactory>
{
    private const string EditorForm = "form#article-form";

    private static Dictionary<string, string> Fields(string headline) => new()
    {
        ["Form.Headline"] = headline,
        ["Form.Dek"] = "A standfirst for the busy test.",
        ["Form.BodyMarkdown"] = "The first paragraph says what happened. The second one says why it matters.",
    };

    /// <summary>Takes the database's write lock from a connection of its own, as a long save or a reindex would.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private Task<bool> SavedAsync(string headline) => factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Headline == headline));

    [Fact]
    public async Task A_save_behind_a_lock_that_outlasts_the_retries_answers_503_with_retry_after_and_saves_on_the_next_try()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor, withAuthor: true));
        var page = await session.PageAsync("/admin/articles/new");
        var headline = "Busy database story " + Guid.NewGuid().ToString("N")[..8];

        HttpResponseMessage busy;
        await using (await HoldWriteLockAsync())
        {
            busy = await session.SubmitAsync(page, EditorForm, Fields(headline));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseBusyResponses.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
        var html = await busy.Content.ReadAsStringAsync();
        Assert.Contains("Busy right now", html, StringComparison.Ordinal);
        Assert.False(await SavedAsync(headline));
        Assert.Contains(factory.Logs.Warnings, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)
            .Contains("Database busy on \"POST\" \"/admin/articles/new\", answered 503", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Errors, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));

        // The browser still has the form and its token: sending it again once the lock is gone saves it.
        var again = await session.SubmitAsync(page, EditorForm, Fields(headline));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(await SavedAsync(headline));
    }

    [Fact]
    public async Task A_save_behind_a_lock_released_during_the_retry_succeeds()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor, withAuthor: true));
        var page = await session.PageAsync("/admin/articles/new");
        var headline = "Retried story " + Guid.NewGuid().ToString("N")[..8];

        var connection = await HoldWriteLockAsync();
        // Longer than the 1 s command timeout, shorter than that plus one retry.
        var release = Task.Delay(TimeSpan.FromMilliseconds(1600)).ContinueWith(_ => connection.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
        var response = await session.SubmitAsync(page, EditorForm, Fields(headline));
        await release;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await SavedAsync(headline));
    }

    [Fact]
    public async Task The_apps_connections_run_with_synchronous_normal_not_sqlites_default()
    {
        // SQLite's compiled-in default is FULL (2); the interceptor says NORMAL (1) on every connection.
        var level = await factory.WithDbAsync(db => DatabaseSetup.ReadSynchronousAsync(db, CancellationToken.None));
        Assert.Equal((long)SqliteSynchronous.Normal, level);
        var mode = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
        Assert.Equal("wal", mode);
    }

    [Theory]
    [InlineData("Off")]
    [InlineData("0")]
    [InlineData("sometimes")]
    public void Synchronous_off_or_unknown_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new DatabaseOptions { Synchronous = value }.SynchronousLevel());
        Assert.Contains("Normal, Full or Extra", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Normal", SqliteSynchronous.Normal)]
    [InlineData("full", SqliteSynchronous.Full)]
    [InlineData("EXTRA", SqliteSynchronous.Extra)]
    public void Synchronous_levels_from_normal_up_are_accepted(string value, SqliteSynchronous expected) =>
        Assert.Equal(expected, new DatabaseOptions { Synchronous = value }.SynchronousLevel());

    [Fact]
    public void The_portal_does_not_start_with_synchronous_off()
    {
        using var off = new SynchronousOffFactory();
        var error = Assert.ThrowsAny<Exception>(() => off.CreateClient());
        Assert.Contains("Database:Synchronous 'Off' is not accepted", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class SynchronousOffFactory() : NewsPortalFactory(new PortalOptions
    {
        DemoContent = false,
        Settings = new Dictionary<string, string?> { ["Database:Synchronous"] = "Off" },
    });
}

/// <summary>Tests that hold SQLite's write lock or kill the app run one at a time, apart from the rest.</summary>
[CollectionDefinition(nameof(DatabaseLockCollection), DisableParallelization = true)]
public sealed class DatabaseLockCollection;
