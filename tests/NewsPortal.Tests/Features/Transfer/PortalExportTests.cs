using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Transfer;
using NewsPortal.Web.Operations;
using Xunit.Abstractions;

namespace NewsPortal.Tests.Features.Transfer;

/// <summary>A portal that starts with an empty database: where an export is imported.</summary>
public sealed class EmptyPortalFactory() : NewsPortalFactory(new PortalOptions { DemoContent = false });

/// <summary>
/// The portal's own format: <c>export</c> writes every table of the model, and <c>import</c> reads it back into an
/// empty database so that every row, and so every reader page, is the same as on the portal it came from.
/// </summary>
public sealed partial class PortalExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("newsportal-export-").FullName;

    /// <summary>Tables the round trip must find rows in; a new table travels too (the export reads the model), this list only says which ones the test fills.</summary>
    private static readonly string[] FilledTables =
    [
        "Articles", "Revisions", "Authors", "Sections", "Tags", "ArticleTags", "Sources", "RelatedLinks", "AutomaticRelatedLinks",
        "RelatedExclusions", "ArticleSlugRedirects", "Comments", "Media", "AuditEntries", "PreviewLinks",
        "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
    ];

    [Fact]
    public void Every_entity_type_of_the_model_is_a_table_of_the_export_with_every_property_as_a_column()
    {
        using var factory = new EmptyPortalFactory();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsPortalDbContext>();

        // Throws, naming the property, for a table or column the format cannot carry (a shadow property, a type it has no JSON form for).
        var tables = PortalTable.InDependencyOrder(db.Model);
        var exported = scope.ServiceProvider.GetRequiredService<PortalExporter>().TablesFor(new ExportOptions());

        Assert.Equal(db.Model.GetEntityTypes().Select(e => e.GetTableName()).Order(), exported.Select(t => t.Name).Order());
        foreach (var table in tables)
        {
            Assert.Equal(table.EntityType.GetProperties().Select(p => p.Name).Order(), table.Columns.Select(c => c.Name).Order());
            var position = tables.ToList().IndexOf(table);
            Assert.All(table.Principals, p => Assert.True(tables.Take(position).Any(t => t.Name == p), $"{table.Name} is written before {p}, which it refers to"));
        }
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_keeps_every_row_and_gives_the_same_reader_pages()
    {
        using var source = new NewsPortalFactory();
        var (editor, pages) = await FillSourceAsync(source);
        var exportFile = Path.Combine(_directory, "site.json");
        var (exported, exportOut, exportError) = await RunAsync(source, "export", exportFile);
        Assert.True(exported == 0, exportOut + exportError);
        output.WriteLine(exportOut);

        using var target = new EmptyPortalFactory();
        var (imported, importOut, importError) = await RunAsync(target, "import", exportFile);
        Assert.True(imported == 0, importOut + importError);
        output.WriteLine(importOut);
        Assert.Contains("as newsportal", importOut, StringComparison.Ordinal);

        // Every row of every table, compared through a second export of the target.
        var againFile = Path.Combine(_directory, "again.json");
        Assert.Equal(0, (await RunAsync(target, "export", againFile)).ExitCode);
        using var first = JsonDocument.Parse(await File.ReadAllBytesAsync(exportFile));
        using var again = JsonDocument.Parse(await File.ReadAllBytesAsync(againFile));
        var firstTables = first.RootElement.GetProperty("tables");
        foreach (var name in FilledTables)
        {
            Assert.True(firstTables.GetProperty(name).GetArrayLength() > 0, $"the test's source has no rows in {name}");
        }
        foreach (var table in firstTables.EnumerateObject())
        {
            Assert.Equal(table.Value.GetRawText(), again.RootElement.GetProperty("tables").GetProperty(table.Name).GetRawText());
        }

        // The search index is derived, not exported: rebuilt by the import.
        static Task<long> IndexedAsync(NewsPortalFactory host) =>
            host.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync());
        Assert.True(await IndexedAsync(target) > 0, "the imported portal's search index is empty");
        Assert.Equal(await IndexedAsync(source), await IndexedAsync(target));

        foreach (var page in pages.Paths)
        {
            var before = await PageAsync(source, page);
            var after = await PageAsync(target, page);
            Assert.True(before == after, $"{page} differs after export and import:\n{FirstDifference(before, after)}");
        }

        // Password hashes travelled: the editor signs in on the imported portal with the same password.
        await target.SignInAsync(editor);
    }

    [Fact]
    public async Task Export_without_users_and_audit_leaves_out_the_staff_accounts_and_the_audit_log_and_says_so()
    {
        using var source = new EmptyPortalFactory();
        await source.CreateUserAsync(Roles.Admin);
        var file = Path.Combine(_directory, "no-users.json");

        var (exitCode, said, _) = await RunAsync(source, "export", file, "--without-users", "--without-audit");

        Assert.Equal(0, exitCode);
        Assert.Contains("left out: ", said, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var tables = document.RootElement.GetProperty("tables").EnumerateObject().Select(t => t.Name).ToList();
        var left = document.RootElement.GetProperty("left").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.DoesNotContain(tables, t => t.StartsWith("AspNet", StringComparison.Ordinal) || t == "AuditEntries");
        Assert.Contains("AspNetUsers", left);
        Assert.Contains("AuditEntries", left);
        Assert.Contains("Articles", tables);
        Assert.DoesNotContain("PasswordHash", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_into_a_database_that_holds_articles_is_refused_with_one_line_and_changes_nothing()
    {
        using var source = new EmptyPortalFactory();
        await source.WithDbAsync(async db =>
        {
            db.Sections.Add(new Section { Slug = "desk", Name = "Desk" });
            db.Authors.Add(new Author { Slug = "one", Name = "One" });
            await db.SaveChangesAsync();
        });
        await source.SaveAndPublishChangeAsync(ArticleBuilder.Article("only-one"), NewsPortal.Web.Features.Articles.ArticleChangeKind.Published);
        var file = Path.Combine(_directory, "site.json");
        Assert.Equal(0, (await RunAsync(source, "export", file)).ExitCode);

        using var target = new NewsPortalFactory();
        var before = await target.WithDbAsync(db => db.Articles.CountAsync());
        var (exitCode, _, error) = await RunAsync(target, "import", file);

        Assert.Equal(1, exitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("empty database", error, StringComparison.Ordinal);
        Assert.Equal(before, await target.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Theory]
    [InlineData("""{"format":"newsportal-export","version":1,"tables":{"Sections":[{"Id":1,"Slug":"a","Name":"A","SortOrder":0},{"Id":2,"Sl""", "not valid JSON")]
    [InlineData("""{"format":"newsportal-export","version":2,"tables":{}}""", "version 2")]
    [InlineData("""{"format":"newsportal-export","version":1,"tables":{"Gadgets":[]}}""", "'Gadgets'")]
    [InlineData("""{"format":"newsportal-export","version":1,"tables":{"Sections":[{"Id":1,"Slug":"a","Name":"A","SortOrder":"first"}]}}""", "Sections row 1, SortOrder")]
    [InlineData("""{"format":"newsportal-export","version":1,"tables":{"Sections":[{"Id":1,"Slug":"a","Name":"A","Colour":"red"}]}}""", "'Colour'")]
    [InlineData("""{"format":"newsportal-export","version":1,"tables":{"Articles":[{"Id":1,"Slug":"a","Headline":"A","AuthorId":7,"SectionId":7}]}}""", "refused by the database")]
    public async Task A_damaged_or_foreign_export_is_refused_with_one_line_and_leaves_the_database_empty(string json, string said)
    {
        using var target = new EmptyPortalFactory();
        var file = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(file, json);

        var (exitCode, _, error) = await RunAsync(target, "import", file);

        Assert.Equal(1, exitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(said, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(0, await target.WithDbAsync(db => db.Sections.CountAsync()));
    }

    private sealed record SourcePages(IReadOnlyList<string> Paths);

    /// <summary>The demo newsroom plus a row in every table the demo leaves empty; returns the pages to compare.</summary>
    private static async Task<(TestUser Editor, SourcePages Pages)> FillSourceAsync(NewsPortalFactory source)
    {
        var editor = await source.CreateUserAsync(Roles.Editor, withAuthor: true);
        var pages = await source.WithDbAsync(async db =>
        {
            var article = await db.Articles.Where(a => db.Comments.Any(c => c.ArticleId == a.Id) && a.RelatedLinks.Count > 0)
                .OrderBy(a => a.Id).FirstAsync();
            var other = await db.Articles.Where(a => a.Id != article.Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            db.ArticleSlugRedirects.Add(new ArticleSlugRedirect { Slug = article.Slug + "-old", ArticleId = article.Id });
            db.RelatedExclusions.Add(new RelatedExclusion { ArticleId = article.Id, ExcludedArticleId = other });
            db.PreviewLinks.Add(new PreviewLink { ArticleId = other, TokenHash = new string('a', 64), ExpiresAt = DateTime.UtcNow.AddDays(1), CreatedAt = DateTime.UtcNow, CreatedBy = "desk" });
            db.AuditEntries.Add(new AuditEntry { Action = "export-test", EntityType = "Article", EntityId = "1", UserName = "desk", At = DateTime.UtcNow, Details = "ünïcödé and 한국어" });
            db.Comments.Add(new Comment { ArticleId = article.Id, DisplayName = "Waiting reader", Email = "w@example.test", Body = "Pending, \"quoted\" <b>text</b>.", Status = CommentStatus.Pending, CreatedAt = DateTime.UtcNow });
            var media = await db.Media.OrderBy(m => m.Id).FirstOrDefaultAsync();
            if (media is not null)
            {
                // A focal point of 0 is the column's CLR default: it must not become the database default (0.5) on the way back.
                media.FocalX = 0;
            }
            await db.SaveChangesAsync();

            var section = await db.Sections.Where(s => db.Articles.Any(a => a.SectionId == s.Id)).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync();
            var tag = await db.Tags.Where(t => db.ArticleTags.Any(at => at.TagId == t.Id)).OrderBy(t => t.Id).Select(t => t.Slug).FirstAsync();
            var author = await db.Authors.Where(a => a.Articles.Count > 0).OrderBy(a => a.Id).Select(a => a.Slug).FirstAsync();
            var word = article.Headline.Split(' ').Where(w => w.All(char.IsLetter)).OrderByDescending(w => w.Length).First();
            return new SourcePages(
                ["/", $"/search?q={Uri.EscapeDataString(word)}", $"/articles/{article.Slug}", $"/articles/{article.Slug}/comments", $"/sections/{section}", $"/tags/{tag}", $"/authors/{author}", "/rss.xml", "/sitemap.xml"]);
        });
        return (editor, pages);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(NewsPortalFactory factory, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await OperatorCommands.RunAsync(args, factory.Services, new CommandOutput(output, error), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The page as a reader gets it, without what differs on every response (nonces, form tokens).</summary>
    private static async Task<string> PageAsync(NewsPortalFactory factory, string path)
    {
        using var response = await factory.CreateReaderClient().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} gave {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        html = Nonce().Replace(html, "nonce=\"…\"");
        return Token().Replace(html, "value=\"…\"");
    }

    private static string FirstDifference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 200);
        return $"before: …{before[from..Math.Min(before.Length, at + 200)]}…\nafter:  …{after[from..Math.Min(after.Length, at + 200)]}…";
    }

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" )value=\"[^\"]*\"|value=\"CfDJ[^\"]*\"")]
    private static partial Regex Token();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }
}
