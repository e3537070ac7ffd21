using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Areas.Admin;

public class EditorialWorkflowTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private const string EditorForm = "form#article-form";

    private async Task<(AdminSession Session, int Id, string Slug)> CreateDraftAsync(string headline, string body = "The first paragraph says what happened. The second one says why it matters.")
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = headline,
            ["Form.Dek"] = "A standfirst for the test.",
            ["Form.BodyMarkdown"] = body,
            ["Form.Tags"] = "Diplomacy, 남북관계",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/articles/[0-9]+/edit$", location);
        var id = int.Parse(location.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        return (session, id, slug);
    }

    [Fact]
    public async Task Creating_a_draft_through_the_form_saves_it_unpublished_with_tags_a_revision_and_an_audit_entry()
    {
        var (_, id, slug) = await CreateDraftAsync("Parliament passes the budget bill");

        Assert.Equal("parliament-passes-the-budget-bill", slug);
        var saved = await factory.WithDbAsync(db => db.Articles.Include(a => a.Tags).ThenInclude(t => t.Tag).SingleAsync(a => a.Id == id));
        Assert.Equal(ArticleStatus.Draft, saved.Status);
        Assert.Contains("<p>The first paragraph", saved.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["Diplomacy", "남북관계"], saved.Tags.Select(t => t.Tag!.Name).Order().ToArray());
        Assert.All(saved.Tags, t => Assert.Matches("^[a-z0-9-]+$", t.Tag!.Slug));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Revisions.CountAsync(r => r.ArticleId == id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == id.ToString() && e.Action == AuditActions.Created)));

        var reader = factory.CreateReaderClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/" + slug)).StatusCode);
    }

    [Fact]
    public async Task An_invalid_form_comes_back_with_messages_and_keeps_what_was_typed()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var response = await session.SubmitAsync("/admin/articles/new", EditorForm, new()
        {
            ["Form.Headline"] = "",
            ["Form.BodyMarkdown"] = "Body that must not be lost.",
            ["Form.Slug"] = "Not A Slug!",
            ["Form.OriginalUrl"] = "javascript:alert(1)",
            ["Form.SectionId"] = "999999",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var errors = page.QuerySelector(".form-errors")!.TextContent;
        Assert.Contains("Write a headline.", errors, StringComparison.Ordinal);
        Assert.Equal("Body that must not be lost.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_live_preview_renders_markdown_through_the_public_pipeline_and_strips_scripts()
    {
        var (session, id, _) = await CreateDraftAsync("Preview pipeline check");
        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AdminSession.AntiforgeryToken(edit),
            ["Form.BodyMarkdown"] = "**Bold** claim <script>alert(1)</script> [x](javascript:alert(2))",
        });

        var response = await session.Client.PostAsync("/admin/articles/preview", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_editor_previews_a_draft_as_readers_will_see_it_and_it_is_not_indexed()
    {
        var (session, id, _) = await CreateDraftAsync("Draft preview headline");

        var response = await session.Client.GetAsync($"/admin/articles/{id}/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Draft preview headline", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".preview-banner"));
        Assert.Contains("noindex", page.QuerySelector("meta[name='robots']")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_then_unpublishing_shows_and_hides_the_article_for_readers()
    {
        var (session, id, slug) = await CreateDraftAsync("Ministers agree on a new trade deal");
        var reader = factory.CreateReaderClient();

        var published = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/articles/" + slug)).StatusCode);
        var home = await reader.GetDocumentAsync("/");
        Assert.Contains("Ministers agree on a new trade deal", home.Body!.TextContent, StringComparison.Ordinal);

        var unpublished = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/unpublish']");
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/" + slug)).StatusCode);
        Assert.Equal(ArticleStatus.Unpublished, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_a_scheduled_article_makes_it_visible_at_its_time()
    {
        var (session, id, slug) = await CreateDraftAsync("Scheduled story goes out on time");
        var at = factory.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        var reader = factory.CreateReaderClient();

        var response = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/schedule']",
            new() { ["publishAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ArticleStatus.Scheduled, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        await PublishDueAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/" + slug)).StatusCode);
        Assert.DoesNotContain("Scheduled story goes out on time", (await reader.GetDocumentAsync("/")).Body!.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)));
        await PublishDueAsync();

        Assert.Equal(ArticleStatus.Published, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Contains("Scheduled story goes out on time", (await reader.GetDocumentAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/articles/" + slug)).StatusCode);
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused_with_a_message()
    {
        var (session, id, _) = await CreateDraftAsync("Cannot schedule the past");
        var past = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-1);

        await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/schedule']",
            new() { ["publishAt"] = past.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });

        var page = await session.PageAsync($"/admin/articles/{id}/edit");
        Assert.Contains("must be in the future", page.QuerySelector(".flash--error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Changing_the_slug_keeps_the_old_address_redirecting_permanently()
    {
        var (session, id, oldSlug) = await CreateDraftAsync("Old slug story");
        await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/publish']");

        var response = await session.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.Slug"] = "new-slug-story" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var reader = factory.CreateReaderClient();
        var old = await reader.GetAsync("/articles/" + oldSlug);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.EndsWith("/articles/new-slug-story", old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/articles/new-slug-story")).StatusCode);
    }

    [Fact]
    public async Task A_slug_used_by_another_article_is_refused()
    {
        var (session, id, _) = await CreateDraftAsync("Slug clash story");
        var response = await session.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.Slug"] = "pressure-mounts-for-inter-korean-detente" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already used", (await Html.ParseAsync(response)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_shows_its_author_in_brackets_without_typing_it()
    {
        var (session, id, slug) = await CreateDraftAsync("Thoughts on the season");
        var authorName = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Author!.Name).SingleAsync());
        await session.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.Kind"] = "1" });
        await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/publish']");

        var page = await factory.CreateReaderClient().GetDocumentAsync("/articles/" + slug);
        Assert.Equal($"[{authorName}] Thoughts on the season", page.QuerySelector("h1")!.TextContent.Trim());

        var typed = await session.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.Headline"] = $"[{authorName}] Thoughts" });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
    }

    [Fact]
    public async Task Restoring_a_revision_brings_back_its_text_and_the_history_shows_a_diff()
    {
        var (session, id, _) = await CreateDraftAsync("First headline", "Original body sentence one. Original body sentence two.");
        await session.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.Headline"] = "Second headline", ["Form.BodyMarkdown"] = "Rewritten body." });

        var history = await session.PageAsync($"/admin/articles/{id}/revisions");
        var deleted = string.Concat(history.QuerySelectorAll(".diff-view del").Select(e => e.TextContent));
        Assert.Contains("First headline", deleted, StringComparison.Ordinal);
        Assert.Contains("Original body sentence one", deleted, StringComparison.Ordinal);
        Assert.Contains("Rewritten body.", history.QuerySelectorAll(".diff-view ins").Select(e => e.TextContent).Aggregate("", string.Concat), StringComparison.Ordinal);

        var firstRevision = await factory.WithDbAsync(db => db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var restored = await session.SubmitAsync(history, $"form[action='/admin/articles/{id}/revisions/{firstRevision}/restore']");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        var article = await factory.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == id));
        Assert.Equal("First headline", article.Headline);
        Assert.Contains("Original body sentence one", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Revisions.CountAsync(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task When_two_editors_save_the_same_article_the_second_sees_a_conflict_and_keeps_their_text()
    {
        var (first, id, _) = await CreateDraftAsync("Conflict headline", "Shared starting text.");
        var second = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var secondPage = await second.PageAsync($"/admin/articles/{id}/edit");

        await first.SubmitAsync($"/admin/articles/{id}/edit", EditorForm, new() { ["Form.BodyMarkdown"] = "First editor's words." });
        var response = await second.SubmitAsync(secondPage, EditorForm, new() { ["Form.BodyMarkdown"] = "Second editor's words." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var conflict = page.QuerySelector(".conflict")!.TextContent;
        Assert.Contains("Someone else saved this article", conflict, StringComparison.Ordinal);
        Assert.Contains("First editor's words.", conflict, StringComparison.Ordinal);
        Assert.Equal("Second editor's words.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Contains("First editor's words.", await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync()), StringComparison.Ordinal);

        // Saving again from the conflict page is a deliberate overwrite.
        var again = await second.SubmitAsync(page, EditorForm);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Second editor's words.", await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync()));
    }

    [Fact]
    public async Task A_shared_preview_link_shows_the_draft_without_an_account_until_revoked()
    {
        var (session, id, _) = await CreateDraftAsync("Shared draft for a source");
        var created = await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/preview-links']");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await session.PageAsync($"/admin/articles/{id}/edit");
        var url = new Uri(edit.QuerySelector("#new-preview-url")!.GetAttribute("value")!);

        var anonymous = factory.CreateReaderClient();
        var shown = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("noindex", shown.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        var page = await Html.ParseAsync(shown);
        Assert.Equal("Shared draft for a source", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("noindex", page.QuerySelector("meta[name='robots']")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/preview/" + new string('A', 43))).StatusCode);

        var linkId = await factory.WithDbAsync(db => db.PreviewLinks.Where(p => p.ArticleId == id).Select(p => p.Id).SingleAsync());
        await session.SubmitAsync(edit, $"form[action='/admin/articles/{id}/preview-links/{linkId}/revoke']");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_preview_link_stops_working_when_it_expires()
    {
        var (session, id, _) = await CreateDraftAsync("Expiring preview");
        await session.SubmitAsync($"/admin/articles/{id}/edit", $"form[action='/admin/articles/{id}/preview-links']", new() { ["days"] = "1" });
        var url = new Uri((await session.PageAsync($"/admin/articles/{id}/edit")).QuerySelector("#new-preview-url")!.GetAttribute("value")!);
        var anonymous = factory.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Linking_a_translation_makes_both_pages_emit_hreflang_alternates()
    {
        var (session, english, englishSlug) = await CreateDraftAsync("Summit ends with a joint statement");
        var (_, korean, koreanSlug) = await CreateDraftAsync("정상회담 공동성명으로 마무리");
        Assert.StartsWith("article-", koreanSlug, StringComparison.Ordinal);
        var saved = await session.SubmitAsync($"/admin/articles/{korean}/edit", EditorForm, new() { ["Form.Language"] = "ko", ["Form.TranslationOf"] = englishSlug });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await session.SubmitAsync($"/admin/articles/{english}/edit", $"form[action='/admin/articles/{english}/publish']");
        await session.SubmitAsync($"/admin/articles/{korean}/edit", $"form[action='/admin/articles/{korean}/publish']");

        var page = await factory.CreateReaderClient().GetDocumentAsync("/articles/" + englishSlug);
        Assert.NotNull(page.QuerySelector($"link[rel='alternate'][hreflang='ko'][href='/articles/{koreanSlug}']"));
    }

    private async Task PublishDueAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);
    }
}
