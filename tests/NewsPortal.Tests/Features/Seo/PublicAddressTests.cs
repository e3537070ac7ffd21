using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsPortal.Tests.Infrastructure;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Features.Seo;

namespace NewsPortal.Tests.Features.Seo;

/// <summary>In Production every absolute URL is on Site:BaseUrl, whatever Host header a request brings.</summary>
public partial class PublicAddressTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/articles/pressure-mounts-for-inter-korean-detente")]
    public async Task A_forged_Host_header_does_not_reach_feeds_sitemaps_or_canonical_links(string path)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });

        var body = await client.GetStringAsync(path);

        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        var urls = AbsoluteUrl().Matches(body).Select(m => m.Value)
            .Where(u => !u.StartsWith("http://www.w3.org", StringComparison.Ordinal) && !u.StartsWith("https://schema.org", StringComparison.Ordinal)
                && !u.StartsWith("http://www.sitemaps.org", StringComparison.Ordinal) && !u.StartsWith("http://www.google.com", StringComparison.Ordinal)
                && !u.StartsWith("http://purl.org", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(urls, u => u.StartsWith(ProductionPortalFactory.BaseUrl + "/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "", false)]
    [InlineData("Production", "news.example.org", false)]
    [InlineData("Production", "https://news.example.org", true)]
    [InlineData("Development", null, true)]
    [InlineData("Testing", null, true)]
    [InlineData("Testing", "ftp://news.example.org", false)]
    public void Site_BaseUrl_is_required_in_Production_and_must_be_an_http_address(string environment, string? baseUrl, bool valid)
    {
        var validation = new SiteOptionsValidation(new Environment(environment));

        var result = validation.Validate(Options.DefaultName, new SiteOptions { BaseUrl = baseUrl });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Site:BaseUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_Site_BaseUrl()
    {
        using var portal = new NewsPortalFactory();
        using var host = portal.WithWebHostBuilder(b => b
            .UseSetting("Site:BaseUrl", "")
            .UseEnvironment("Production"));

        var error = Record.Exception(() => host.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Site:BaseUrl is required in Production", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("""https?://[^\s"<>']+""")]
    private static partial Regex AbsoluteUrl();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "NewsPortal.Web";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
