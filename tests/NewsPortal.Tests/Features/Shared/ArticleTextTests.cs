using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Tests.Features.Shared;

[Trait("Database", "None")]
public class ArticleTextTests
{
    [Theory]
    [InlineData("Pressure mounts for inter-Korean détente!", "pressure-mounts-for-inter-korean-detente")]
    [InlineData("  S. Korean, US diplomats  agree ", "s-korean-us-diplomats-agree")]
    [InlineData("한반도", "")]
    public void Slugify_makes_lowercase_ascii_slugs(string text, string expected) =>
        Assert.Equal(expected, ArticleText.Slugify(text));

    [Fact]
    public void Reading_time_counts_english_words_and_korean_syllables()
    {
        Assert.Equal(1, ArticleText.ReadingMinutes("short"));
        Assert.Equal(4, ArticleText.ReadingMinutes(string.Join(' ', Enumerable.Repeat("word", 920))));
        Assert.Equal(2, ArticleText.ReadingMinutes(new string('한', 1000)));
    }

    [Fact]
    public void An_excerpt_ends_at_a_word_boundary()
    {
        var excerpt = ArticleText.Excerpt(string.Join(' ', Enumerable.Repeat("alpha", 100)), 50);

        Assert.True(excerpt.Length <= 51);
        Assert.EndsWith("alpha…", excerpt);
    }
}
