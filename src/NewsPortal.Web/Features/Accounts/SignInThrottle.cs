using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Replicas;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>
/// The sign-in limits: the per-address one is ASP.NET Core's rate limiter policy <see cref="PolicyName"/> on the sign-in post;
/// the per-account one and the failure count per account and address live here, because the account is only known from the form.
/// With Redis configured (<see cref="SharedWindowCounter.IsShared"/>) all three are counted in Redis, so attempts spread over
/// several replicas meet one limit; without it they are counted in this process as before.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string PolicyName = "sign-in";

    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly IMemoryCache _cache;
    private readonly SignInLimitsOptions _options;
    private readonly SharedWindowCounter _shared;

    public SignInThrottle(IOptions<SignInLimitsOptions> options, IMemoryCache cache, SharedWindowCounter shared)
    {
        _options = options.Value;
        _cache = cache;
        _shared = shared;
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
    public async ValueTask<TimeSpan?> TryAcquireAccountAsync(string normalizedAccount, CancellationToken cancellationToken)
    {
        if (_shared.IsShared)
        {
            var hit = await _shared.HitAsync(SharedAccountKey(normalizedAccount), _options.AccountPermitLimit, _options.Window, cancellationToken);
            return hit.Allowed ? null : hit.RetryAfter;
        }
        using var lease = _accounts.AttemptAcquire(normalizedAccount);
        return lease.IsAcquired ? null : RetryAfter(lease, _options.Window);
    }

    /// <summary>True when this address gave too many wrong passwords for this account lately.</summary>
    public async ValueTask<bool> IsBlockedAsync(string normalizedAccount, string client, CancellationToken cancellationToken) =>
        _shared.IsShared
            ? await _shared.CountAsync(SharedFailureKey(normalizedAccount, client), cancellationToken) >= _options.MaxFailures
            : _cache.TryGetValue(Key(normalizedAccount, client), out FailureCount? count) && count!.Value >= _options.MaxFailures;

    public async ValueTask RecordFailureAsync(string normalizedAccount, string client, CancellationToken cancellationToken)
    {
        if (_shared.IsShared)
        {
            await _shared.HitAsync(SharedFailureKey(normalizedAccount, client), int.MaxValue, FailureBlock, cancellationToken);
            return;
        }
        var count = _cache.GetOrCreate(Key(normalizedAccount, client), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FailureBlock;
            entry.Size = 1;
            return new FailureCount();
        })!;
        Interlocked.Increment(ref count.Value);
    }

    public async ValueTask ClearAsync(string normalizedAccount, string client, CancellationToken cancellationToken)
    {
        _cache.Remove(Key(normalizedAccount, client));
        if (_shared.IsShared)
        {
            await _shared.ResetAsync(SharedFailureKey(normalizedAccount, client), cancellationToken);
        }
    }

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

    private static string SharedAccountKey(string account) => "sign-in:account:" + account;

    private static string SharedFailureKey(string account, string client) => "sign-in:failures:" + account + "|" + client;

    private sealed class FailureCount
    {
        public int Value;
    }
}

/// <summary>The rate limiter policy of the sign-in post: <see cref="SignInLimitsOptions.PermitLimit"/> per client address per window.</summary>
public sealed class SignInRateLimitPolicy(IOptions<SignInLimitsOptions> options, SharedWindowCounter shared) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<SignInLimitsOptions>>().Value.Window;
        SignInThrottle.Reject(context.HttpContext, SignInThrottle.RetryAfter(context.Lease, window));
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        shared.IsShared
            ? RateLimitPartition.Get(ClientAddress.Of(httpContext),
                client => new SharedFixedWindowLimiter(shared, "sign-in:address:" + client, options.Value.PermitLimit, options.Value.Window))
            : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext),
                _ => SignInThrottle.WindowOptions(options.Value.PermitLimit, options.Value.Window));
}
