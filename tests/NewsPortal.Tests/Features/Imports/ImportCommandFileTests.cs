using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Imports;

/// <summary>The import formats through the real <c>import</c> command: good files succeed with a summary, bad ones fail with one line.</summary>
public sealed class ImportCommandFileTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Theory]
    [InlineData("wordpress.xml")]
    [InlineData("ghost.json")]
    [InlineData("markdown")]
    public async Task A_sample_export_is_recognised_imported_and_summarised(string sample)
    {
        var (exitCode, output, error) = await ImportSamples.RunCommandAsync(factory.Services, ImportSamples.PathOf(sample));

        Assert.True(exitCode == 0, error);
        Assert.Contains("  articles: ", output, StringComparison.Ordinal);
        Assert.Contains("  authors: ", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("malformed-wordpress.xml", new string[0], "not well-formed XML at line 8, position")]
    [InlineData("not-wordpress.xml", new[] { "--format", "wordpress" }, "not a WordPress export")]
    [InlineData("broken-ghost.json", new string[0], "not valid JSON at line")]
    [InlineData("wordpress.xml", new[] { "--format", "ghost" }, "not valid JSON at line 1")]
    [InlineData("billion-laughs-wordpress.xml", new string[0], "declares a DTD at line 2")]
    public async Task A_bad_file_fails_with_exit_code_1_and_one_line_saying_where(string sample, string[] options, string expected)
    {
        var articles = await factory.WithDbAsync(db => db.Articles.CountAsync());

        var (exitCode, _, error) = await ImportSamples.RunCommandAsync(factory.Services, [ImportSamples.PathOf(sample), .. options]);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("Cannot import '", line, StringComparison.Ordinal);
        Assert.True(line.Contains(expected, StringComparison.Ordinal), line);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(articles, await factory.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task A_folder_without_Markdown_files_fails_with_exit_code_1()
    {
        var folder = Directory.CreateTempSubdirectory("no-markdown-");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "readme.txt"), "no Markdown here");
        try
        {
            var (exitCode, _, error) = await ImportSamples.RunCommandAsync(factory.Services, folder.FullName);

            Assert.Equal(1, exitCode);
            Assert.Contains("no .md files", Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_external_entity_is_refused_before_any_file_it_names_is_read()
    {
        var folder = Directory.CreateTempSubdirectory("xxe-");
        var secret = Path.Combine(folder.FullName, "secret.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        var export = Path.Combine(folder.FullName, "xxe.xml");
        await File.WriteAllTextAsync(export, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><link>https://old.example.com</link>
            <item><title>&xxe;</title><wp:post_id>9001</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><content:encoded>&xxe;</content:encoded></item>
            </channel></rss>
            """);
        var readBefore = File.GetLastAccessTimeUtc(secret);
        try
        {
            var (exitCode, output, error) = await ImportSamples.RunCommandAsync(factory.Services, export);

            Assert.Equal(1, exitCode);
            Assert.Contains("DTD", error, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", output + error, StringComparison.Ordinal);
            Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.ImportKey == "wordpress:old.example.com:9001"
                || a.BodyMarkdown.Contains("TOP-SECRET") || a.Headline.Contains("TOP-SECRET"))));
            Assert.Equal(readBefore, File.GetLastAccessTimeUtc(secret));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_plain_RSS_feed_is_not_taken_for_a_WordPress_export()
    {
        var (exitCode, _, error) = await ImportSamples.RunCommandAsync(factory.Services, ImportSamples.PathOf("not-wordpress.xml"));

        Assert.Equal(2, exitCode);
        Assert.Contains("is not a format import reads", error, StringComparison.Ordinal);
    }
}
