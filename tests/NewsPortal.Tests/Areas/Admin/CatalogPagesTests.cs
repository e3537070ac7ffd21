using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Tests.Areas.Admin;

public class CatalogPagesTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task A_section_without_a_typed_slug_gets_one_from_its_name_and_a_hashed_one_for_a_Korean_name()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var latin = await session.SubmitAsync("/admin/sections/new", "form.editor-form", new() { ["Form.Name"] = "Night Desk " + suffix, ["Form.Slug"] = "" });
        var korean = await session.SubmitAsync("/admin/sections/new", "form.editor-form", new() { ["Form.Name"] = "야간 데스크", ["Form.Slug"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, latin.StatusCode);
        Assert.Equal("/admin/sections", latin.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, korean.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Sections.AnyAsync(s => s.Slug == "night-desk-" + suffix)));
        var expected = Slugs.FromName("야간 데스크", "section");
        Assert.StartsWith("section-", expected, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Sections.AnyAsync(s => s.Slug == expected)));
        Assert.Contains("Section saved.", (await session.PageAsync("/admin/sections")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_badly_typed_slug_or_web_address_redisplays_the_form_with_its_message()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));

        var tag = await session.SubmitAsync("/admin/tags/new", "form.editor-form", new() { ["Form.Name"] = "Bad slug", ["Form.Slug"] = "Not A Slug!" });
        var source = await session.SubmitAsync("/admin/sources/new", "form.editor-form", new() { ["Form.Name"] = "Wire", ["Form.HomepageUrl"] = "ftp://wire.example" });

        Assert.Equal(HttpStatusCode.BadRequest, tag.StatusCode);
        Assert.Contains("A slug uses lowercase letters a–z, digits and single hyphens.", await tag.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, source.StatusCode);
        Assert.Contains("The homepage must be a full http:// or https:// address.", await source.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_name_loses_its_hash_sign_and_the_tag_can_be_deleted()
    {
        var session = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));
        var name = "Desk" + Guid.NewGuid().ToString("N")[..6];

        var created = await session.SubmitAsync("/admin/tags/new", "form.editor-form", new() { ["Form.Name"] = " #" + name, ["Form.Slug"] = " " });
        var id = await factory.WithDbAsync(db => db.Tags.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
        var missing = await session.PostWithTokenAsync("/admin/tags/999999/edit", new() { ["Form.Name"] = "Gone" });
        var deleted = await session.PostWithTokenAsync($"/admin/tags/{id}/delete");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/admin/tags", deleted.Headers.Location?.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.Tags.AnyAsync(t => t.Id == id)));
    }
}
