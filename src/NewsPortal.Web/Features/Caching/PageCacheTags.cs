using Microsoft.AspNetCore.OutputCaching;

namespace NewsPortal.Web.Features.Caching;

/// <summary>
/// Names of output-cache tags. A cached page carries the tag of its address (home, section, tag,
/// author …) plus <see cref="Article"/> for every article it shows, so one article change evicts
/// exactly the pages that show that article, wherever they are. An article's own page and its discussion pages
/// (<c>/articles/{slug}/comments/all</c>) also carry <see cref="ArticlePage"/>, for what only they show (its comments).
/// </summary>
public static class PageCacheTags
{
    public const string Home = "home";
    public const string Columns = "columns";
    public const string Feeds = "feeds";
    public const string Search = "search";

    public static string Article(string slug) => "article:" + slug;

    /// <summary>
    /// The article's own page and its discussion pages only, not the listings and sidebars showing its card: a
    /// moderated comment changes those pages alone, and evicting <see cref="Article"/> would also throw away home, its section, tags and author.
    /// </summary>
    public static string ArticlePage(string slug) => "article-page:" + slug;

    public static string Section(string slug) => "section:" + slug;

    public static string Tag(string slug) => "tag:" + slug;

    public static string Author(string slug) => "author:" + slug;

    /// <summary>Marks the current response, when it is being cached, as showing these articles.</summary>
    public static void AddArticles(HttpContext context, IEnumerable<string> slugs)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { AllowCacheStorage: true } cache)
        {
            foreach (var slug in slugs)
            {
                cache.Tags.Add(Article(slug));
            }
        }
    }

    /// <summary>
    /// <c>/articles/{slug}/comments/all</c> in any case, as routing matches it: a differently cased address must still
    /// carry the tags (and, in <see cref="ReaderPagePolicy.QueryKeysFor"/>, vary by <c>page</c>).
    /// </summary>
    public static bool IsDiscussion(string first, string comments, string all) =>
        first.Equals("articles", StringComparison.OrdinalIgnoreCase)
        && comments.Equals("comments", StringComparison.OrdinalIgnoreCase)
        && all.Equals("all", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tags a reader page carries because of its address alone.</summary>
    public static IEnumerable<string> ForPath(PathString path)
    {
        var segments = (path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case []:
                yield return Home;
                break;
            case ["articles", var slug]:
                yield return Article(slug);
                yield return ArticlePage(slug);
                break;
            case [var first, var slug, var comments, var all] when IsDiscussion(first, comments, all):
                // The discussion pages show the article's headline and only its comments: its edits and its
                // moderated comments evict them, as they do its own page.
                yield return Article(slug);
                yield return ArticlePage(slug);
                break;
            case ["sections", var slug, ..]:
                yield return Section(slug);
                break;
            case ["tags", var slug, ..]:
                yield return Tag(slug);
                break;
            case ["authors", var slug, ..]:
                yield return Author(slug);
                break;
            case ["columns"]:
                yield return Columns;
                break;
            case ["search"]:
                yield return Search;
                break;
        }
        if (segments is [.., var last] && last.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            yield return Feeds;
        }
        if (segments is ["robots.txt"])
        {
            yield return Feeds;
        }
    }
}
