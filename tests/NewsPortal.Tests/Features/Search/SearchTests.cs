using System.Net;
using AngleSharp.Html.Dom;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Search;

public class SearchTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    private static readonly string[] AllowedResultElements = ["h2", "a", "mark", "p", "time"];
    private readonly HttpClient _client = factory.CreateReaderClient();

    // A reader searching after a save: once the background worker has indexed it.
    private async Task<IHtmlDocument> SearchAsync(string query, int page = 1)
    {
        await factory.DerivedWorkDoneAsync();
        return await _client.GetDocumentAsync($"/search?q={Uri.EscapeDataString(query)}" + (page > 1 ? $"&page={page}" : ""));
    }

    private static List<string> ResultSlugs(IHtmlDocument page) =>
        page.QuerySelectorAll(".search-result__headline a").Select(a => a.GetAttribute("href")!.Replace("/articles/", "", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_two_syllable_korean_query_finds_the_articles_about_north_korea_policy()
    {
        var page = await SearchAsync("대북");

        var slugs = ResultSlugs(page);
        Assert.Contains("hanbando-peace-process-ko", slugs);
        Assert.Contains("loudspeaker-broadcasts-halted-ko", slugs);
        Assert.Contains("unification-opinion-poll-ko", slugs);
        // Found through its hashtag #대북정책, although its text is English.
        Assert.Contains("seoul-halts-loudspeaker-broadcasts-along-border", slugs);
        Assert.DoesNotContain("kbo-on-pace-for-attendance-record", slugs);
        Assert.All(page.QuerySelectorAll(".search-result mark"), mark => Assert.Equal("대북", mark.TextContent));
    }

    [Fact]
    public async Task A_korean_word_is_found_inside_longer_hangul_runs_and_ranked_with_highlights()
    {
        var page = await SearchAsync("한반도");

        var slugs = ResultSlugs(page);
        Assert.Contains("dmz-peace-trail-reopens-ko", slugs);
        Assert.Contains("hanbando-peace-process-ko", slugs);
        Assert.Contains("kospi-rebounds-on-chip-exports-ko", slugs);
        Assert.DoesNotContain("chip-exports-hit-record-on-ai-server-demand", slugs);
        // The index finds 한반도 inside 한반도의 / 한반도에 and marks just the word.
        Assert.Contains(page.QuerySelectorAll(".search-result mark"), mark => mark.TextContent == "한반도");
        Assert.Matches(@"\d+ articles? match", page.QuerySelector(".search__summary")!.TextContent);
    }

    [Fact]
    public async Task An_english_query_ranks_the_best_match_first()
    {
        var detente = ResultSlugs(await SearchAsync("detente"));
        Assert.Equal("pressure-mounts-for-inter-korean-detente", detente[0]);

        var tariffs = ResultSlugs(await SearchAsync("tariff talks"));
        Assert.Equal("korea-us-tariff-talks-enter-final-stretch", tariffs[0]);
    }

    [Fact]
    public async Task A_column_result_shows_its_columnist_like_the_article_page()
    {
        var page = await SearchAsync("detente");

        Assert.StartsWith("[Lee Kyong-hee] Pressure mounts for inter-Korean", page.QuerySelector(".search-result__headline")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("북")]
    [InlineData("AI")]
    public async Task One_and_two_character_queries_find_articles(string query)
    {
        var page = await SearchAsync(query);

        Assert.NotEmpty(ResultSlugs(page));
        Assert.All(page.QuerySelectorAll(".search-result"), result =>
            Assert.Contains(result.QuerySelectorAll("mark"), m => m.TextContent.Equals(query, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_short_word_narrows_a_longer_query()
    {
        var slugs = ResultSlugs(await SearchAsync("AI semiconductor"));

        Assert.Contains("chip-exports-hit-record-on-ai-server-demand", slugs);
        Assert.DoesNotContain("bank-of-korea-holds-rate-as-household-debt-climbs", slugs);
    }

    public static TheoryData<string> HostileQueries() => new()
    {
        "\"",
        "\"north korea",
        "korea\"\"",
        "*",
        "kor*",
        "NEAR(north korea, 2)",
        "north NEAR korea",
        "-korea",
        "north -korea",
        "((korea",
        "korea))",
        "headline:korea",
        "^korea",
        "korea AND OR NOT",
        "' OR 1=1 --",
        "'; DROP TABLE Articles; --",
        "%_%",
        "\\",
        "<script>alert(1)</script>",
        "\u0001대북\u0002",
        new string('a', 2000),
        string.Concat(Enumerable.Repeat("한반도 ", 400)),
        "   ",
        "!!!",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_queries_get_a_normal_page_and_log_no_error(string query)
    {
        var errorsBefore = factory.Logs.Errors.Count;

        using var response = await _client.GetAsync($"/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        var page = await Html.ParseAsync(html);
        Assert.Equal("Search", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(errorsBefore, factory.Logs.Errors.Count);
    }

    [Fact]
    public async Task A_very_long_query_is_shortened_with_a_note()
    {
        var page = await SearchAsync("tariff " + new string('x', 2000));

        Assert.Contains("only its first", page.QuerySelector(".search__notice")!.TextContent);
        Assert.True(page.QuerySelector("#search-page-q")!.GetAttribute("value")!.Length <= 200);
    }

    [Fact]
    public async Task An_empty_query_shows_the_search_form()
    {
        var page = await SearchAsync("");

        Assert.NotNull(page.QuerySelector("form.search-form input[name=q]"));
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Every_page_has_a_labelled_search_box_in_the_header()
    {
        var page = await _client.GetDocumentAsync("/");

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
    }

    [Fact]
    public async Task Results_are_paged()
    {
        for (var i = 0; i < 23; i++)
        {
            await factory.SaveAndPublishChangeAsync(
                ArticleBuilder.Article().WithHeadline($"Quokkaparade report number {i}"), ArticleChangeKind.Published);
        }

        var first = await SearchAsync("quokkaparade");
        var second = await SearchAsync("quokkaparade", 2);

        Assert.Equal(20, ResultSlugs(first).Count);
        Assert.Equal(3, ResultSlugs(second).Count);
        Assert.Empty(ResultSlugs(first).Intersect(ResultSlugs(second)));
        Assert.Contains("23 articles match", first.QuerySelector(".search__summary")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/search?q=quokkaparade&page=-1")).StatusCode);
    }

    [Fact]
    public async Task Drafts_never_appear_and_the_index_follows_publish_and_unpublish()
    {
        var draft = await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().WithStatus(ArticleStatus.Draft).WithHeadline("Wombatsymposium opens in Busan"), ArticleChangeKind.Created);
        Assert.Empty(ResultSlugs(await SearchAsync("wombatsymposium")));

        await factory.WithDbAsync(async db =>
        {
            var article = await db.Articles.FindAsync(draft.Id);
            article!.Status = ArticleStatus.Published;
            article.PublishedAt = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        await factory.PublishChangeAsync(draft.Id, ArticleChangeKind.Published, draft.Slug);
        Assert.Equal([draft.Slug], ResultSlugs(await SearchAsync("wombatsymposium")));

        await factory.SetStatusAsync(draft.Id, ArticleStatus.Unpublished);
        await factory.PublishChangeAsync(draft.Id, ArticleChangeKind.Unpublished, draft.Slug);
        Assert.Empty(ResultSlugs(await SearchAsync("wombatsymposium")));
    }

    [Fact]
    public async Task A_scheduled_article_is_found_only_from_its_publish_time()
    {
        var at = factory.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        var scheduled = await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().PublishedAt(at).WithHeadline("Narwhalregatta sets sail at dawn"), ArticleChangeKind.Scheduled);

        Assert.Empty(ResultSlugs(await SearchAsync("narwhalregatta")));

        factory.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal([scheduled.Slug], ResultSlugs(await SearchAsync("narwhalregatta")));
    }

    [Fact]
    public async Task An_edit_is_searchable_by_its_new_words_and_not_its_old_ones()
    {
        var article = await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().WithHeadline("Capybarafestival draws families"), ArticleChangeKind.Published);
        await factory.WithDbAsync(async db =>
        {
            var saved = await db.Articles.FindAsync(article.Id);
            saved!.Headline = "Axolotlfestival draws families";
            await db.SaveChangesAsync();
        });
        await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Edited, article.Slug);

        Assert.Empty(ResultSlugs(await SearchAsync("capybarafestival")));
        Assert.Equal([article.Slug], ResultSlugs(await SearchAsync("axolotlfestival")));
    }

    [Fact]
    public async Task Article_text_in_results_is_encoded_never_markup()
    {
        await factory.SaveAndPublishChangeAsync(
            ArticleBuilder.Article().WithHeadline("Ibexgathering <img src=x onerror=alert(1)> report")
                .WithBody("Ibexgathering <b>bold</b> & \"quoted\" <script>alert(2)</script> text follows here."),
            ArticleChangeKind.Published);

        using var response = await _client.GetAsync("/search?q=ibexgathering");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var page = await Html.ParseAsync(html);
        Assert.Contains("<img src=x onerror=alert(1)>", page.QuerySelector(".search-result__headline")!.TextContent);
        Assert.All(page.QuerySelectorAll(".search-result *"), e => Assert.Contains(e.LocalName, AllowedResultElements));
    }
}
