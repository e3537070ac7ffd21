using System.Xml.Linq;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Feeds;

/// <summary>Feed readers render an RSS description as HTML: markup typed as text must arrive escaped, not as tags.</summary>
public class FeedEscapingTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task A_summary_with_markup_reaches_the_rss_description_as_escaped_text()
    {
        await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().WithDek("Readers typed <script>alert(1)</script> into the story. It stays text."),
            ArticleChangeKind.Published);

        var xml = XDocument.Parse(await factory.CreateReaderClient().GetStringAsync("/rss.xml"));

        var descriptions = xml.Descendants("item").Select(i => (string?)i.Element("description") ?? "").ToList();
        var ours = Assert.Single(descriptions, d => d.Contains("alert(1)", StringComparison.Ordinal));
        // The element's text is the HTML a reader renders: it must hold the entity, not a <script> tag.
        Assert.DoesNotContain("<script>", ours, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", ours, StringComparison.Ordinal);
    }
}
