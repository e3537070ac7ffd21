namespace NewsPortal.BrowserTests.Infrastructure;

/// <summary>One URL of every reader page type, taken from the demo content every fresh database gets.</summary>
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
