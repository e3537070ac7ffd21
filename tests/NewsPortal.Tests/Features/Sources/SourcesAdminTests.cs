using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>The admin's source page: feed settings, the poll status and "Poll now", for editors only.</summary>
public sealed class SourcesAdminTests(FeedPortalFactory factory, FeedServerFixture feeds)
    : IClassFixture<FeedPortalFactory>, IClassFixture<FeedServerFixture>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_editor_sets_up_a_feed_polls_it_now_and_sees_its_status()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var tag = FeedTestData.Tag();
        var (sectionId, authorId) = await factory.WithDbAsync(async db =>
            (await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(), await db.Authors.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()));

        var created = await session.SubmitAsync("/admin/sources/new", "form.editor-form", new()
        {
            ["Form.Name"] = "Partner Wire " + tag,
            ["Form.FeedUrl"] = feeds.Server.Feed("/rss2.xml", tag).AbsoluteUri,
            ["Form.FeedEnabled"] = "true",
            ["Form.PollMinutes"] = "15",
            ["Form.DefaultSectionId"] = Id(sectionId),
            ["Form.DefaultAuthorId"] = Id(authorId),
            ["Form.PublishItems"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var source = await factory.WithDbAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.Name == "Partner Wire " + tag));
        Assert.True(source.FeedEnabled);
        Assert.Equal((15, sectionId, authorId, true), (source.PollMinutes, source.DefaultSectionId, source.DefaultAuthorId, source.PublishItems));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, source.NextPollAt);

        var edit = await session.PageAsync($"/admin/sources/{Id(source.Id)}/edit");
        Assert.Contains("Never", edit.QuerySelector(".feed-status")!.TextContent, StringComparison.Ordinal);

        var polled = await session.SubmitAsync(edit, $"form[action='/admin/sources/{Id(source.Id)}/poll']");
        Assert.Equal(HttpStatusCode.Redirect, polled.StatusCode);
        Assert.Equal($"/admin/sources/{Id(source.Id)}/edit", polled.Headers.Location?.OriginalString);

        var after = await session.PageAsync($"/admin/sources/{Id(source.Id)}/edit");
        var text = after.Body!.TextContent;
        Assert.Contains($"Partner Wire {tag}: 3 added, 0 updated, 0 unchanged.", text, StringComparison.Ordinal);
        var status = after.QuerySelector(".feed-status")!.TextContent;
        Assert.Contains("3 in all, 3 at the last poll", status, StringComparison.Ordinal);
        Assert.Contains("None", status, StringComparison.Ordinal);
        Assert.Equal(3, (await factory.ArticlesOfAsync(source.Id)).Count);
        // The form shows the saved settings again.
        Assert.Equal("15", after.QuerySelector("input[name='Form.PollMinutes']")?.GetAttribute("value"));
        Assert.True(after.QuerySelector("input[name='Form.FeedEnabled']")?.HasAttribute("checked"));
    }

    [Fact]
    public async Task A_failed_poll_now_shows_the_error_on_the_page()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var source = await factory.AddSourceAsync(feeds.Server.Feed("/malformed.xml", FeedTestData.Tag()));

        var polled = await session.SubmitAsync($"/admin/sources/{Id(source.Id)}/edit", $"form[action='/admin/sources/{Id(source.Id)}/poll']");
        var page = await session.PageAsync($"/admin/sources/{Id(source.Id)}/edit");

        Assert.Equal(HttpStatusCode.Redirect, polled.StatusCode);
        Assert.Contains("the poll failed: The feed is not well-formed XML", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", page.QuerySelector(".feed-status__error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Feed failing", (await session.PageAsync("/admin/sources")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "true", "5", "Give the feed's URL to poll it")]
    [InlineData("https://partner.example/feed.xml", "true", "2", "Poll every 5 to 1,440 minutes")]
    [InlineData("https://partner.example/feed.xml", "true", "1441", "Poll every 5 to 1,440 minutes")]
    [InlineData("https://partner.example/feed.xml", "false", "60", "Choose the section the feed's items are filed in.")]
    [InlineData("javascript:alert(1)", "false", "60", "The feed must be a full http:// or https:// address.")]
    public async Task A_feed_without_what_it_needs_redisplays_the_form_with_its_message(string feedUrl, string enabled, string minutes, string message)
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

        var response = await session.SubmitAsync("/admin/sources/new", "form.editor-form", new()
        {
            ["Form.Name"] = "Incomplete " + FeedTestData.Tag(),
            ["Form.FeedUrl"] = feedUrl,
            ["Form.FeedEnabled"] = enabled,
            ["Form.PollMinutes"] = minutes,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pausing_a_feed_clears_its_next_poll()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var source = await factory.AddSourceAsync(feeds.Server.Feed("/rss2.xml", FeedTestData.Tag()));

        var response = await session.SubmitAsync($"/admin/sources/{Id(source.Id)}/edit", "form.editor-form", new() { ["Form.FeedEnabled"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var paused = await factory.SourceAsync(source.Id);
        Assert.False(paused.FeedEnabled);
        Assert.Null(paused.NextPollAt);
    }

    [Fact]
    public async Task An_author_can_neither_poll_nor_edit_a_source()
    {
        var author = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(feeds.Server.Feed("/rss2.xml", tag));

        var poll = await author.PostWithTokenAsync($"/admin/sources/{Id(source.Id)}/poll");
        var edit = await author.PostWithTokenAsync($"/admin/sources/{Id(source.Id)}/edit", new() { ["Form.Name"] = "Taken over", ["Form.FeedEnabled"] = "false" });
        var page = await author.Client.GetAsync($"/admin/sources/{Id(source.Id)}/edit");

        Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(0, feeds.Server.Hits("/rss2.xml", tag));
        Assert.Equal(source.Name, (await factory.SourceAsync(source.Id)).Name);
    }

    [Fact]
    public async Task Poll_now_for_a_source_that_does_not_exist_is_a_404()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

        var response = await session.PostWithTokenAsync("/admin/sources/999999/poll");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
