using Microsoft.AspNetCore.RateLimiting;

namespace NewsPortal.Web.Features.Comments;

public static class CommentsServices
{
    /// <summary>Reader comments: the form's bot checks, posting, the article's thread, the moderation queue and the per-address post limit.</summary>
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddOptions<CommentsOptions>().BindConfiguration(CommentsOptions.Section)
            .Validate(
                o => o.PageSize is >= CommentsOptions.MinPageSize and <= CommentsOptions.MaxPageSize,
                $"Comments:PageSize must be from {CommentsOptions.MinPageSize} to {CommentsOptions.MaxPageSize} (comments on the article page and per discussion page).")
            .ValidateOnStart();
        services.AddSingleton<CommentFormTicket>();
        services.AddSingleton<ReaderCommentCookie>();
        services.AddScoped<CommentPageEviction>();
        services.AddScoped<CommentPosting>();
        services.AddScoped<CommentThreads>();
        services.AddScoped<CommentModerationService>();
        // The rate limiter middleware already runs in UseNewsPortal (after routing); this adds one named policy beside sign-in's.
        services.AddRateLimiter(options => options.AddPolicy<string, CommentRateLimitPolicy>(CommentRateLimitPolicy.PolicyName));
        return services;
    }
}
