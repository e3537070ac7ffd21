using Microsoft.Extensions.Options;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.KeyPoints;
using NewsPortal.Web.Features.Markdown;

namespace NewsPortal.Tests.Features.KeyPoints;

public class KeyPointsTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private readonly HttpClient _client = factory.CreateReaderClient();

    private static Article Refresh(string markdown, int? count = null)
    {
        var options = new KeyPointsOptions();
        if (count is not null)
        {
            options.Count = count.Value;
        }
        var article = new Article { Slug = "k", Headline = "K", BodyMarkdown = markdown };
        new ArticleContentService(new MarkdownRenderer(), Options.Create(options)).Refresh(article);
        return article;
    }

    [Theory]
    [InlineData("hanbando-peace-process-ko")]
    [InlineData("loudspeaker-broadcasts-halted-ko")]
    [InlineData("pressure-mounts-for-inter-korean-detente")]
    [InlineData("bank-of-korea-holds-rate-as-household-debt-climbs")]
    public async Task Korean_and_english_articles_show_three_whole_sentences_from_their_own_text(string slug)
    {
        var page = await _client.GetDocumentAsync($"/articles/{slug}");

        var body = page.QuerySelector(".article__body")!.TextContent;
        var points = page.QuerySelectorAll(".key-points li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(3, points.Count);
        Assert.All(points, point =>
        {
            Assert.Contains(point, body, StringComparison.Ordinal);
            Assert.DoesNotContain("&", point.Replace(" & ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(point.Length >= 10, point);
        });
    }

    [Fact]
    public void Key_points_hold_the_characters_readers_see_not_html_entities()
    {
        var article = Refresh(string.Join(' ',
            "Lee's \"bromance\" with Kim is back, and the markets noticed it at once.",
            "Exports & imports both fell in the quarter as the won weakened against the dollar.",
            "Officials say 3 < 5 is not a policy, and markets agree that the won matters most.",
            "A fourth sentence talks about the won and the markets and exports again."), count: 2);

        Assert.DoesNotContain("&", article.KeyPoints.Replace(" & ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("&", article.Excerpt.Replace(" & ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, article.KeyPoints.Split('\n').Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void The_number_of_key_points_is_configurable(int count)
    {
        var sentences = Enumerable.Range(1, 8).Select(i => $"Sentence number {i} talks about the budget and the assembly vote.");

        var article = Refresh(string.Join(' ', sentences), count);

        Assert.Equal(count, article.KeyPoints.Split('\n').Length);
    }

    [Fact]
    public void Mixed_korean_and_english_prose_is_split_into_sentences()
    {
        var text = "정부는 대북 정책을 발표했다. The ministry said talks would resume. \"대화가 필요하다\"고 밝혔다! Is it enough? 전문가들은 신중했다.";

        var sentences = KeyPointExtractor.SplitSentences(text).ToList();

        Assert.Equal(
            ["정부는 대북 정책을 발표했다.", "The ministry said talks would resume.", "\"대화가 필요하다\"고 밝혔다!", "Is it enough?", "전문가들은 신중했다."],
            sentences);
    }

    [Fact]
    public void Korean_key_points_prefer_the_sentences_that_carry_the_story()
    {
        var text = string.Join(' ',
            "북한이 서해상으로 순항미사일 여러 발을 발사했다고 합참이 밝혔다.",
            "오늘 서울의 날씨는 맑았다.",
            "합참은 북한의 순항미사일 발사 직후 한미 공조 아래 추가 발사에 대비하고 있다고 밝혔다.",
            "점심 메뉴는 비빔밥이었다.",
            "전문가들은 북한이 순항미사일 발사로 새 정부를 시험하고 있다고 분석했다.");

        var points = KeyPointExtractor.Extract(text, 3);

        Assert.DoesNotContain("오늘 서울의 날씨는 맑았다.", points);
        Assert.DoesNotContain("점심 메뉴는 비빔밥이었다.", points);
    }
}
