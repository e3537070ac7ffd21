namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>
/// One URL of every reader page type, taken from the demo content every fresh database gets. The discussion pages
/// have two pages because <see cref="BrowserFixture"/> shows <see cref="BrowserFixture.CommentPageSize"/> comments a
/// page and the demo column has three.
/// </summary>
public static class Pages
{
    public const string DemoColumn = "/articles/pressure-mounts-for-inter-korean-detente";
    public const string KoreanArticle = "/articles/north-korea-cruise-missiles-yellow-sea-ko";

    public static readonly (string Name, string Path, int Status)[] All =
    [
        ("home", "/", 200),
        ("home-page-2", "/?page=2", 200),
        ("article-column", DemoColumn, 200),
        ("article-korean", KoreanArticle, 200),
        ("section", "/sections/north-korea", 200),
        ("tag", "/tags/hanbando", 200),
        ("author", "/authors/lee-kyong-hee", 200),
        ("columns", "/columns", 200),
        ("not-found", "/articles/no-such-article-here", 404),
        ("bad-request", "/?page=-1", 400),
        ("search", "/search?q=tariffs", 200),
        ("search-korean", "/search?q=%ED%95%9C%EB%B0%98%EB%8F%84", 200),
        ("search-empty", "/search", 200),
        ("sign-in", "/account/login", 200),
        ("comment-form", DemoColumn + "/comments", 200),
        ("comments-all", DemoColumn + "/comments/all", 200),
        ("comments-all-page-2", DemoColumn + "/comments/all?page=2", 200),
    ];

    /// <summary>The newsroom's main pages, seen signed in as an admin; {id} is the demo column's id.</summary>
    public static readonly (string Name, string Path)[] Admin =
    [
        ("admin-dashboard", "/admin"),
        ("admin-articles", "/admin/articles"),
        ("admin-new-article", "/admin/articles/new"),
        ("admin-edit-article", "/admin/articles/{id}/edit"),
        ("admin-revisions", "/admin/articles/{id}/revisions"),
        ("admin-related", "/admin/articles/{id}/related?q=korea"),
        ("admin-authors", "/admin/authors"),
        ("admin-sections", "/admin/sections"),
        ("admin-tags", "/admin/tags"),
        ("admin-sources", "/admin/sources"),
        ("admin-new-source", "/admin/sources/new"),
        ("admin-users", "/admin/users"),
        ("admin-audit", "/admin/audit"),
        ("account-password", "/account/password"),
        ("admin-media", "/admin/media"),
        ("admin-comments", "/admin/comments?status=approved"),
    ];

    public static TheoryData<string, string, int> AllAsTheory()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (name, path, status) in All)
        {
            data.Add(name, path, status);
        }
        return data;
    }
}
