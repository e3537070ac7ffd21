using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NewsPortal.BrowserTests.Infrastructure;

namespace NewsPortal.BrowserTests;

/// <summary>What a reader does with a mouse: follow links from the home page through the site.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReaderFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_reader_goes_from_home_to_an_article_its_related_article_a_tag_and_the_author()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await session.GotoAsync("/");

        // Home: the lead story's headline links to the article.
        var lead = page.Locator(".lead__headline a");
        var leadHeadline = (await lead.InnerTextAsync()).Trim();
        await lead.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ArticleUrl());
        Assert.Equal(leadHeadline, (await page.Locator("h1").InnerTextAsync()).Trim());

        // Open the demo column, which has curated related articles.
        await session.GotoAsync(Pages.DemoColumn);
        Assert.Contains("Pressure mounts for inter-Korean detente", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var related = page.Locator(".related .card__headline a").First;
        var relatedHeadline = (await related.InnerTextAsync()).Trim();
        var relatedHref = await related.GetAttributeAsync("href");
        await related.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(relatedHref!) + "$"));
        Assert.Equal(relatedHeadline, (await page.Locator("h1").InnerTextAsync()).Trim());

        // A hashtag on the related article opens its tag page, which lists that article.
        var tag = page.Locator(".hashtags__list a").First;
        var tagText = (await tag.InnerTextAsync()).Trim().TrimStart('#');
        await tag.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tags/[a-z0-9-]+$"));
        Assert.Contains(tagText, await page.Locator("h1").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator(".card__headline a", new() { HasText = relatedHeadline })).ToBeVisibleAsync();

        // From the tag page to an article and its author's page, which lists it.
        var card = page.Locator(".card__headline a").First;
        var cardHeadline = (await card.InnerTextAsync()).Trim();
        await card.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ArticleUrl());
        var author = page.Locator(".byline a[rel=author]");
        var authorName = (await author.InnerTextAsync()).Trim();
        await author.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/authors/[a-z0-9-]+$"));
        Assert.Equal(authorName, (await page.Locator("h1").InnerTextAsync()).Trim());
        await Assertions.Expect(page.Locator(".card__headline a", new() { HasText = cardHeadline })).ToBeVisibleAsync();

        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task A_reader_pages_through_the_latest_articles_and_uses_the_section_navigation()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await session.GotoAsync("/");

        await page.Locator(".pager a[rel=next]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?page=2$"));
        await Assertions.Expect(page.Locator(".pager__status")).ToContainTextAsync("Page 2 of");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Business" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sections/business$"));
        Assert.Equal("Business", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".card").CountAsync() > 0);
        await Assertions.Expect(page.Locator(".site-nav a[aria-current=page]")).ToHaveTextAsync("Business");
    }

    [Fact]
    public async Task Relative_times_are_shown_next_to_machine_readable_datetimes()
    {
        await using var session = await browser.NewPageAsync();
        await session.GotoAsync(Pages.DemoColumn);

        var times = session.Page.Locator("time[datetime]");
        Assert.True(await times.CountAsync() > 0);
        var first = times.First;
        var datetime = await first.GetAttributeAsync("datetime");
        Assert.True(DateTimeOffset.TryParse(datetime, out _), $"datetime '{datetime}' is not a date");
        Assert.Matches(AgoText(), (await first.InnerTextAsync()).Trim());
        Assert.False(string.IsNullOrWhiteSpace(await first.GetAttributeAsync("title")), "the full date is shown on hover");
    }

    private static Regex ArticleUrl() => new("/articles/[a-z0-9-]+$");

    [GeneratedRegex(@"(ago|just now|yesterday|now|\d{4})")]
    private static partial Regex AgoText();
}
