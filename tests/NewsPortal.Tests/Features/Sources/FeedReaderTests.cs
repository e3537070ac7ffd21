using System.Text;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>The reader on the test feeds' files, without a server.</summary>
[Trait("Database", "None")]
public sealed class FeedReaderTests
{
    private static readonly Uri FeedAddress = new("https://partner.example/feeds/national.xml");

    private static FeedDocument Read(string file, string tag = "t1")
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Sources", "Feeds", file))
            .Replace("{{base}}", "https://partner.example", StringComparison.Ordinal).Replace("{{tag}}", tag, StringComparison.Ordinal);
        return FeedReader.Read(Encoding.UTF8.GetBytes(text), FeedAddress);
    }

    [Fact]
    public void Rss_2_items_give_title_link_guid_date_author_content_and_image()
    {
        var feed = Read("rss2.xml");

        Assert.Equal("en", feed.Language);
        Assert.Equal(3, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Seoul unveils plan to cut commuter traffic by 2030", first.Title);
        Assert.Equal("urn:partner:t1:1001", first.Id);
        Assert.Equal(new Uri("https://partner.example/news/t1/seoul-traffic-plan"), first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 21, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Kim Ji-hoon", first.Author);
        Assert.Contains("<strong>announced a plan</strong>", first.Html, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://images.partner.example/2026/11/20/traffic-hero.jpg"), first.Image);
        // Escaped HTML in description is HTML once read.
        Assert.StartsWith("<p>A Buddhist nun's cooking has <em>won fans</em>", feed.Items[1].Html, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://images.partner.example/2026/11/20/temple.jpg"), feed.Items[1].Image);
        Assert.Null(feed.Items[2].Id);
    }

    [Fact]
    public void Rss_1_items_are_read_from_the_rdf_document()
    {
        var feed = Read("rss1.rdf");

        Assert.Equal(["Jeju ferry service resumes after storm", "Busan film festival names new director"], feed.Items.Select(i => i.Title));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 23, 15, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal("Park Soo-min", feed.Items[0].Author);
        Assert.Contains("<b>Mokpo</b>", feed.Items[0].Html, StringComparison.Ordinal);
        // Without content:encoded the description is the content.
        Assert.Contains("has a new director", feed.Items[1].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_links_resolve_against_the_feed_address_and_xml_base()
    {
        var feed = Read("atom.xml");

        Assert.Equal(new Uri("https://partner.example/culture/t1/kpop-museum"), feed.Items[0].Link);
        Assert.Equal("K-pop label opens museum in Seongsu", feed.Items[0].Title);
        Assert.Equal("Lee Hae-won", feed.Items[0].Author);
        Assert.Equal(new Uri("https://partner.example/culture/t1/images/museum.jpg"), feed.Items[0].Image);
        Assert.Equal(new Uri("https://partner.example/culture/t1/hanbok-street"), feed.Items[1].Link);
        Assert.Contains("<strong>hanbok</strong>", feed.Items[1].Html, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns", feed.Items[1].Html, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
    }

    [Theory]
    [InlineData("malformed.xml")]
    [InlineData("doctype.xml")]
    public void Malformed_feeds_and_documents_with_a_dtd_are_refused(string file)
    {
        var exception = Assert.Throws<FeedFormatException>(() => Read(file));

        Assert.Contains("not well-formed XML", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_that_is_not_a_feed_is_refused()
    {
        var exception = Assert.Throws<FeedFormatException>(() => FeedReader.Read(Encoding.UTF8.GetBytes("<html><body>Not a feed</body></html>"), FeedAddress));

        Assert.Contains("not RSS or Atom", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_http_and_https_links_and_images_are_kept()
    {
        const string Rss = """
            <rss version="2.0"><channel><title>x</title>
            <item><title>A</title><link>javascript:alert(1)</link><guid>a-1</guid>
            <description>&lt;img src="data:image/png;base64,AAAA"&gt;</description>
            <enclosure url="file:///etc/passwd" type="image/png"/></item>
            </channel></rss>
            """;
        var item = FeedReader.Read(Encoding.UTF8.GetBytes(Rss), FeedAddress).Items.Single();

        Assert.Null(item.Link);
        Assert.Null(item.Image);
        Assert.Equal("a-1", item.Id);
    }

    [Theory]
    [InlineData("Fri, 20 Nov 2026 06:30:00 +0900", "2026-11-19T21:30:00Z")]
    [InlineData("Fri, 20 Nov 2026 06:30:00 GMT", "2026-11-20T06:30:00Z")]
    [InlineData("20 Nov 2026 06:30:00 KST", "2026-11-19T21:30:00Z")]
    [InlineData("Thu, 19 Nov 2026 23:00:00 EST", "2026-11-20T04:00:00Z")]
    [InlineData("2026-11-20T06:30:00+09:00", "2026-11-19T21:30:00Z")]
    [InlineData("2026-11-20T06:30:00Z", "2026-11-20T06:30:00Z")]
    public void Rfc_822_and_iso_8601_dates_are_read(string raw, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedReader.Date(raw));

    [Fact]
    public void An_unreadable_date_is_no_date()
    {
        Assert.Null(FeedReader.Date("sometime last week"));
    }
}

[Trait("Database", "None")]
public sealed class WireCreditsTests
{
    [Theory]
    [InlineData("The talks resume on Monday. (Yonhap)", "The talks resume on Monday.", "Yonhap")]
    [InlineData("The talks resume on Monday.\n\n(AP)", "The talks resume on Monday.", "AP")]
    [InlineData("The talks resume on Monday. *(Reuters)*", "The talks resume on Monday.", "Reuters")]
    [InlineData("The talks resume on Monday.\n\n— Yonhap", "The talks resume on Monday.", "Yonhap")]
    [InlineData("The talks resume on Monday. - AFP", "The talks resume on Monday.", "AFP")]
    [InlineData("Seoul said (Yonhap News Agency)", "Seoul said", "Yonhap News Agency")]
    public void A_trailing_agency_credit_moves_out_of_the_text(string body, string expectedBody, string credit) =>
        Assert.Equal((expectedBody, credit), WireCredits.Extract(body));

    [Theory]
    [InlineData("Prices rose (again).")]
    [InlineData("He met the president — a first.")]
    [InlineData("The vote was close — Democrats")]
    [InlineData("The index rose 2 percent (to 2,600)")]
    public void Ordinary_endings_are_not_taken_for_credits(string body) =>
        Assert.Equal((body, null), WireCredits.Extract(body));
}
