using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Accounts;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// The rate limiter policy of the comment post: <see cref="CommentsOptions.PermitLimit"/> per client address per window,
/// counted in Redis when it is configured (one budget across replicas), else in this process.
/// </summary>
public sealed class CommentRateLimitPolicy(IOptions<CommentsOptions> options, SharedWindowCounter shared) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "comments";

    /// <summary>No body: the status-code page shows the site's friendly "too many attempts" page.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<CommentsOptions>>().Value.Window;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : window;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        shared.IsShared
            ? RateLimitPartition.Get(ClientAddress.Of(httpContext),
                client => new SharedFixedWindowLimiter(shared, "comments:address:" + client, options.Value.PermitLimit, options.Value.Window))
            : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PermitLimit),
            Window = options.Value.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
