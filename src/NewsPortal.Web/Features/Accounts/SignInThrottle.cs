using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>
/// The sign-in limits: the per-address one is ASP.NET Core's rate limiter policy <see cref="PolicyName"/> on the sign-in post;
/// the per-account one and the failure count per account and address live here, because the account is only known from the form.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string PolicyName = "sign-in";

    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly IMemoryCache _cache;
    private readonly SignInLimitsOptions _options;

    public SignInThrottle(IOptions<SignInLimitsOptions> options, IMemoryCache cache)
    {
        _options = options.Value;
        _cache = cache;
        _accounts = PartitionedRateLimiter.Create<string, string>(account =>
            RateLimitPartition.GetFixedWindowLimiter(account, _ => WindowOptions(_options.AccountPermitLimit, _options.Window)));
    }

    public static FixedWindowRateLimiterOptions WindowOptions(int permits, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>How long an address that gave too many wrong passwords is refused for that account.</summary>
    public TimeSpan FailureBlock => TimeSpan.FromMinutes(Math.Max(1, _options.FailureBlockMinutes));

    /// <summary>Takes one attempt from the account's budget; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquireAccount(string normalizedAccount)
    {
        using var lease = _accounts.AttemptAcquire(normalizedAccount);
        return lease.IsAcquired ? null : RetryAfter(lease, _options.Window);
    }

    /// <summary>True when this address gave too many wrong passwords for this account lately.</summary>
    public bool IsBlocked(string normalizedAccount, string client) =>
        _cache.TryGetValue(Key(normalizedAccount, client), out FailureCount? count) && count!.Value >= _options.MaxFailures;

    public void RecordFailure(string normalizedAccount, string client)
    {
        var count = _cache.GetOrCreate(Key(normalizedAccount, client), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FailureBlock;
            entry.Size = 1;
            return new FailureCount();
        })!;
        Interlocked.Increment(ref count.Value);
    }

    public void Clear(string normalizedAccount, string client) => _cache.Remove(Key(normalizedAccount, client));

    public static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : fallback;

    /// <summary>Turns the response into a 429 with Retry-After; the status-code page then shows the site's "too many attempts" page.</summary>
    public static void Reject(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
    }

    public void Dispose() => _accounts.Dispose();

    private static (string, string, string) Key(string account, string client) => ("sign-in-failures", account, client);

    private sealed class FailureCount
    {
        public int Value;
    }
}

/// <summary>The rate limiter policy of the sign-in post: <see cref="SignInLimitsOptions.PermitLimit"/> per client address per window.</summary>
public sealed class SignInRateLimitPolicy(IOptions<SignInLimitsOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<SignInLimitsOptions>>().Value.Window;
        SignInThrottle.Reject(context.HttpContext, SignInThrottle.RetryAfter(context.Lease, window));
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext),
            _ => SignInThrottle.WindowOptions(options.Value.PermitLimit, options.Value.Window));
}
