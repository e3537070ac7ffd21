using Microsoft.AspNetCore.Http;
using NewsPortal.Web.Features.Imports;

namespace NewsPortal.Tests.Features.Imports;

[Trait("Database", "None")]
public sealed class LegacyPathsTests
{
    [Theory]
    [InlineData("https://old.example.com/2024/05/slug/", "/2024/05/slug")]
    [InlineData("https://old.example.com/2024/05/slug", "/2024/05/slug")]
    [InlineData("/Slug-With-Case/", "/Slug-With-Case")]
    [InlineData("https://old.example.com/2024/05/%ed%95%9c%ea%b5%ad/", "/2024/05/한국")]
    [InlineData("/slug/?utm_source=x#top", "/slug")]
    [InlineData("?p=123", "?p=123")]
    public void An_old_address_is_stored_decoded_with_case_kept_and_without_its_trailing_slash(string address, string key)
    {
        Assert.Equal(key, LegacyPaths.FromAddress(address));
    }

    [Theory]
    [InlineData("https://old.example.com/")]
    [InlineData("https://old.example.com")]
    [InlineData("/")]
    [InlineData("//evil.example/path")]
    [InlineData("javascript:alert(1)")]
    [InlineData("relative/path")]
    [InlineData("")]
    public void An_address_that_names_no_page_of_the_old_site_is_not_kept(string address)
    {
        Assert.Null(LegacyPaths.FromAddress(address));
    }

    [Fact]
    public void A_request_path_finds_the_key_it_was_stored_under()
    {
        Assert.Equal(LegacyPaths.FromAddress("https://old.example.com/2024/05/%ed%95%9c%ea%b5%ad/"), LegacyPaths.ForRequest(new PathString("/2024/05/한국/")));
        Assert.Equal("/a", LegacyPaths.ForRequest(new PathString("/a")));
        Assert.Null(LegacyPaths.ForRequest(new PathString("/")));
    }

    [Theory]
    [InlineData("?p=123", "?p=123")]
    [InlineData("?page_id=45&x=1", "?page_id=45")]
    [InlineData("?p=12abc", null)]
    [InlineData("?p=-5", null)]
    [InlineData("?p=1&p=2", null)]
    [InlineData("?q=p", null)]
    [InlineData("", null)]
    public void Only_a_numeric_WordPress_id_in_the_query_is_a_key(string query, string? key)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);

        Assert.Equal(key, LegacyPaths.WordPressIdOf(context.Request));
    }
}
