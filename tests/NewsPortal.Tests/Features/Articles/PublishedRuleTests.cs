using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Tests.Features.Articles;

/// <summary>
/// The one published-article rule (<see cref="PublishedArticles"/>, <see cref="PublishedRule"/>):
/// a sweep of every reader route (pages, search, feeds, sitemaps, the related sidebar) shows no
/// draft, scheduled, not-yet-due or unpublished article, and every SQL command those routes run over
/// <c>Articles</c> carries the published-and-due predicate, so a new reader query that skips it fails here.
/// </summary>
public partial class PublishedRuleTests(RecordingPortalFactory factory) : IClassFixture<RecordingPortalFactory>
{
    private const string HostSlug = "pressure-mounts-for-inter-korean-detente";

    private sealed record Hidden(string Word, string TagSlug, IReadOnlyList<string> Slugs, string SectionSlug, string AuthorSlug, string VisibleTagSlug)
    {
        /// <summary>What would show if one leaked: its slug, or its headline's and body's "word name" (the search page echoes the bare word).</summary>
        public IEnumerable<string> Traces => Slugs.SelectMany(slug => new[] { slug, Word + " " + slug[(Word.Length + 1)..] });
    }

    /// <summary>
    /// Four articles readers must not see, all with one unique word (and the two-letter word "qx" for the
    /// short-word search), a tag only they use, curated and automatic related links to them from a
    /// published article, and two of them in the search index as if it had not caught up.
    /// </summary>
    private async Task<Hidden> HideAsync()
    {
        var word = "zorblax" + Guid.NewGuid().ToString("N")[..6];
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var specs = new (ArticleStatus Status, DateTime? At, string Name)[]
        {
            (ArticleStatus.Draft, null, "draft"),
            (ArticleStatus.Scheduled, now.AddHours(2), "scheduled"),
            (ArticleStatus.Published, now.AddHours(2), "not-yet-due"),
            (ArticleStatus.Published, now.AddHours(-3), "unpublished"),
        };
        var articles = new List<Article>();
        foreach (var (status, at, name) in specs)
        {
            var builder = ArticleBuilder.Article($"{word}-{name}").WithStatus(status)
                .WithHeadline($"Secret {word} {name} qx story")
                .WithBody($"The {word} {name} body says qx and more. It must never reach a reader before its time.");
            if (at is { } time)
            {
                builder = builder.PublishedAt(time);
            }
            var article = await factory.WithDbAsync(db => builder.SaveAsync(db, factory.Clock));
            articles.Add(article);
            if (status == ArticleStatus.Published)
            {
                // Indexed for search, picks computed: as a published article is.
                await factory.PublishChangeAsync(article.Id, ArticleChangeKind.Published, article.Slug);
            }
        }
        // The search index and picks are derived in the background: done before the rule is tested, so the worker's own
        // queries are not counted as a reader route's.
        await factory.DerivedWorkDoneAsync();
        // Unpublished straight in the database, without telling the index: readers' queries must not rely on it.
        await factory.SetStatusAsync(articles[3].Id, ArticleStatus.Unpublished);

        return await factory.WithDbAsync(async db =>
        {
            var tag = new Tag { Slug = word + "-tag", Name = word + "tag" };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            var hostId = await db.Articles.Where(a => a.Slug == HostSlug).Select(a => a.Id).SingleAsync();
            var position = 100;
            foreach (var article in articles)
            {
                db.ArticleTags.Add(new ArticleTag { ArticleId = article.Id, TagId = tag.Id });
                db.RelatedLinks.Add(new RelatedLink { ArticleId = hostId, RelatedArticleId = article.Id, Position = position });
                db.AutomaticRelatedLinks.Add(new AutomaticRelatedLink { ArticleId = hostId, RelatedArticleId = article.Id, Score = 1, Position = -position });
                position++;
            }
            await db.SaveChangesAsync();
            var first = articles[0];
            var section = await db.Sections.Where(s => s.Id == first.SectionId).Select(s => s.Slug).SingleAsync();
            var author = await db.Authors.Where(a => a.Id == first.AuthorId).Select(a => a.Slug).SingleAsync();
            var visibleTag = await db.ArticleTags.Where(t => t.Article!.Slug == HostSlug).Select(t => t.Tag!.Slug).FirstAsync();
            return new Hidden(word, tag.Slug, articles.ConvertAll(a => a.Slug), section, author, visibleTag);
        });
    }

    /// <summary>Every reader route that lists, finds or links articles; all answer 200.</summary>
    private static string[] ReaderRoutes(Hidden hidden) =>
    [
        "/",
        "/columns",
        $"/sections/{hidden.SectionSlug}",
        $"/authors/{hidden.AuthorSlug}",
        $"/tags/{hidden.VisibleTagSlug}",
        $"/articles/{HostSlug}",
        $"/articles/{HostSlug}/comments/all",
        $"/search?q={hidden.Word}",
        $"/search?q=secret+{hidden.Word}+story",
        "/search?q=qx",
        "/rss.xml",
        "/atom.xml",
        $"/sections/{hidden.SectionSlug}/rss.xml",
        $"/authors/{hidden.AuthorSlug}/rss.xml",
        $"/tags/{hidden.VisibleTagSlug}/rss.xml",
        "/sitemap.xml",
        "/sitemaps/pages.xml",
        "/sitemaps/articles-1.xml",
        "/sitemap-news.xml",
    ];

    /// <summary>Routes of the hidden things themselves: each is "not found", like an unknown slug.</summary>
    private static IEnumerable<string> HiddenRoutes(Hidden hidden) =>
        hidden.Slugs.SelectMany(s => new[] { $"/articles/{s}", $"/articles/{s}/comments/all" })
            .Concat([$"/tags/{hidden.TagSlug}", $"/tags/{hidden.TagSlug}/rss.xml"]);

    [Fact]
    public async Task No_draft_scheduled_not_yet_due_or_unpublished_article_shows_on_any_reader_page_feed_sitemap_search_or_related_sidebar()
    {
        var hidden = await HideAsync();
        var client = factory.CreateReaderClient();

        foreach (var route in ReaderRoutes(hidden))
        {
            using var response = await client.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route} gave {(int)response.StatusCode}");
            foreach (var trace in hidden.Traces)
            {
                Assert.False(body.Contains(trace, StringComparison.OrdinalIgnoreCase), $"GET {route} shows a hidden article ({trace})");
            }
        }
        foreach (var route in HiddenRoutes(hidden))
        {
            using var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {route} gave {(int)response.StatusCode}, not 404");
            Assert.DoesNotContain(hidden.Word, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_tag_feed_for_a_tag_only_drafts_use_is_not_found_like_the_tag_page()
    {
        var hidden = await HideAsync();
        var client = factory.CreateReaderClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tags/{hidden.TagSlug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tags/{hidden.TagSlug}/rss.xml")).StatusCode);

        // Once one of its articles is published and due, both appear.
        var draftId = await factory.ArticleIdAsync(hidden.Slugs[0]);
        await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == draftId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, ArticleStatus.Published)
            .SetProperty(a => a.PublishedAt, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/tags/{hidden.TagSlug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/tags/{hidden.TagSlug}/rss.xml")).StatusCode);
    }

    [Fact]
    public async Task Every_query_a_reader_route_runs_over_Articles_carries_the_published_and_due_rule()
    {
        var hidden = await HideAsync();
        var client = factory.CreateReaderClient();

        factory.Sql.Start();
        foreach (var route in ReaderRoutes(hidden).Concat(HiddenRoutes(hidden)))
        {
            using var response = await client.GetAsync(route);
        }
        var commands = factory.Sql.Stop();

        var overArticles = commands.Where(c => ArticlesReference().IsMatch(c.Text)).ToList();
        Assert.True(overArticles.Count >= 15, $"the sweep ran only {overArticles.Count} queries over Articles");
        // EF writes "WHERE 0" (SQLite) or "WHERE FALSE" (PostgreSQL) for a filter on an empty id list: such a command reads no row at all.
        var skipping = overArticles.Where(c => !ReadsNothing().IsMatch(c.Text) && !CarriesRule(c)).Select(c => c.Text).Distinct().ToList();
        Assert.True(skipping.Count == 0, "reader queries over Articles without the published-and-due rule:\n\n" + string.Join("\n\n", skipping));
    }

    [Fact]
    public void The_rule_as_SQL_names_the_stored_status_and_the_time_parameter()
    {
        Assert.Equal("\"Status\" = 'Published' AND \"PublishedAt\" <= $now", PublishedRule.Sql("$now"));
        Assert.Equal("\"a\".\"Status\" = 'Published' AND \"a\".\"PublishedAt\" <= {0}", PublishedRule.Sql("{0}", "a"));
    }

    /// <summary>Each reference to Articles (by alias, or unqualified in raw SQL) has its own status and time test.</summary>
    private static bool CarriesRule(RecordedCommand command)
    {
        var text = command.Text;
        foreach (Match reference in ArticlesReference().Matches(text))
        {
            // SQLite's provider quotes aliases ("a"."Status"), PostgreSQL's does not (a."Status").
            var alias = reference.Groups["alias"].Success ? $"(?:\"{reference.Groups["alias"].Value}\"|{reference.Groups["alias"].Value})\\." : "";
            var status = new Regex($"(?<![\\w\".]){alias}\"Status\" = (?<value>'Published'|[@$:]\\w+)").Match(text);
            if (!status.Success)
            {
                return false;
            }
            var value = status.Groups["value"].Value;
            if (value != "'Published'" && !command.Parameters.Any(p => p.Name.TrimStart('@', '$', ':') == value.TrimStart('@', '$', ':') && Equals(p.Value, "Published")))
            {
                return false;
            }
            if (!new Regex($"(?<![\\w\".]){alias}\"PublishedAt\" <= ").IsMatch(text))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"\bWHERE (?:0|FALSE)(?:\s|$)")]
    private static partial Regex ReadsNothing();

    [GeneratedRegex("(?:FROM|JOIN) \"Articles\"(?: AS (?:\"(?<alias>\\w+)\"|(?<alias>\\w+)))?")]
    private static partial Regex ArticlesReference();
}
