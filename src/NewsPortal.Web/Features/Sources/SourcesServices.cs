using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NewsPortal.Web.Features.Sources;

public static class SourcesServices
{
    /// <summary>Partner feeds: the guarded feed client, the reader and ingester, and the background poller.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.AddOptions<SourcesOptions>().BindConfiguration("Sources")
            .Validate(o => o.MaxFeedBytes > 0 && o.Timeout > TimeSpan.Zero && o.MaxRedirects >= 0, "Sources: MaxFeedBytes and Timeout must be positive, MaxRedirects 0 or more.");
        services.AddHttpClient(SafeFeedFetcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => FeedConnections.CreateHandler(provider.GetRequiredService<IOptions<SourcesOptions>>().Value))
            .AddResilienceHandler("partner-feed-retry", builder =>
            {
                // The waits between attempts are network waits: wall-clock time, whatever clock the newsroom runs on.
                builder.TimeProvider = TimeProvider.System;
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(500),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // A partner's "Retry-After: 3600" is for its next poll, not for this one to sit on.
                    ShouldRetryAfterHeader = false,
                    // A refused address stays refused: asking again only delays the answer.
                    ShouldHandle = args => ValueTask.FromResult(
                        SafeFeedFetcher.FindRefusal(args.Outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                });
            });
        services.AddScoped<SafeFeedFetcher>();
        services.AddScoped<FeedIngester>();
        services.AddScoped<SourceStatusQueries>();
        services.AddSingleton<SourcePollGate>();
        services.AddHostedService<FeedPollingService>();
        return services;
    }
}
