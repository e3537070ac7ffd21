using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Features.Caching;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// Evicts the cached pages of articles whose shown comments changed: only the article pages themselves and their
/// discussion pages (<c>/articles/{slug}/comments/all</c>), which carry <see cref="PageCacheTags.ArticlePage"/>. Nothing
/// else shows comments or their count, so home, listings and other articles' related sidebars, which carry the
/// article's card tag, stay cached.
/// </summary>
public sealed class CommentPageEviction(IOutputCacheStore store)
{
    public async Task EvictAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            await store.EvictByTagAsync(PageCacheTags.ArticlePage(slug), cancellationToken);
        }
    }
}
