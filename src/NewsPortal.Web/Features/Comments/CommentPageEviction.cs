using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Features.Caching;

namespace NewsPortal.Web.Features.Comments;

/// <summary>Evicts the cached pages of articles whose shown comments changed: only the article pages, nothing else shows comments.</summary>
public sealed class CommentPageEviction(IOutputCacheStore store)
{
    public async Task EvictAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            await store.EvictByTagAsync(PageCacheTags.Article(slug), cancellationToken);
        }
    }
}
