using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Infrastructure;

/// <summary>
/// A reader or editor who leaves mid-request cancels its database work; EF Core reports the rolled-back transaction at
/// Error level. The portal's log leaves that out (nothing failed on the server), and keeps every real database error.
/// </summary>
public class CancelledWorkLogTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string TransactionCategory = "Microsoft.EntityFrameworkCore.Database.Transaction";

    [Fact]
    public void Database_work_cancelled_by_a_departed_client_is_not_logged_as_an_error()
    {
        var marker = "cancelled-" + Guid.NewGuid().ToString("N");

        Logger(TransactionCategory).LogError(new OperationCanceledException(), "An error occurred using a transaction {Marker}", marker);

        Assert.DoesNotContain(factory.Logs.All, e => e.RenderMessage().Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public void A_database_error_that_is_not_a_cancellation_is_still_logged()
    {
        var marker = "failed-" + Guid.NewGuid().ToString("N");

        Logger(TransactionCategory).LogError(new InvalidOperationException("disk full"), "An error occurred using a transaction {Marker}", marker);

        Assert.Contains(factory.Logs.Errors, e => e.RenderMessage().Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cancellation_outside_the_database_is_still_logged()
    {
        var marker = "elsewhere-" + Guid.NewGuid().ToString("N");

        Logger("NewsPortal.Web.Features.Sources.FeedPoller").LogError(new OperationCanceledException(), "Polling stopped {Marker}", marker);

        Assert.Contains(factory.Logs.Errors, e => e.RenderMessage().Contains(marker, StringComparison.Ordinal));
    }

    private Microsoft.Extensions.Logging.ILogger Logger(string category) =>
        factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}
