using NewsPortal.Web.Features.KeyPoints;

namespace NewsPortal.Tests.Features.KeyPoints;

[Trait("Database", "None")]
public class KeyPointExtractorTests
{
    [Fact]
    public void Picks_the_requested_number_of_sentences_in_reading_order()
    {
        var text = string.Join(" ",
            "The central bank raised interest rates on Thursday to fight inflation.",
            "A dog barked somewhere in the quiet afternoon.",
            "Higher interest rates make loans more expensive for households and companies.",
            "The bank said inflation remains well above its target this year.",
            "Lunch was served at noon.",
            "Economists expect the bank to hold rates steady once inflation eases.");

        var points = KeyPointExtractor.Extract(text, 3);

        Assert.Equal(3, points.Count);
        Assert.DoesNotContain("Lunch was served at noon.", points);
        Assert.DoesNotContain("A dog barked somewhere in the quiet afternoon.", points);
        var positions = points.Select(p => text.IndexOf(p, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Splits_korean_sentences()
    {
        var text = "정부는 오늘 새로운 대북 정책을 발표했다. 한반도 평화를 위한 대화가 필요하다고 밝혔다. 전문가들은 신중한 접근을 주문했다.";

        var sentences = KeyPointExtractor.SplitSentences(text).ToList();

        Assert.Equal(3, sentences.Count);
        Assert.Equal("정부는 오늘 새로운 대북 정책을 발표했다.", sentences[0]);
    }

    [Fact]
    public void Does_not_split_after_common_abbreviations()
    {
        var sentences = KeyPointExtractor.SplitSentences("Mr. Kim met U.S. officials in Seoul on Friday. They talked for hours about trade.").ToList();

        Assert.Equal(2, sentences.Count);
    }
}
