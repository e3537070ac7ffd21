using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Features.Media;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Media;
using SkiaSharp;

namespace NewsPortal.Tests.Areas.Admin;

/// <summary>The library's pages: who may delete, what deleting says first, search, and the audit log.</summary>
public class MediaLibraryTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task An_author_cannot_delete_or_replace_another_authors_upload()
    {
        var owner = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var other = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Author, withAuthor: true));
        var id = TestImages.UploadedId(await owner.UploadAsync("mine.png", TestImages.Solid(20, 20, SKColors.Yellow)));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/admin/media/{id}/delete")).StatusCode);
        var delete = await other.PostWithTokenAsync($"/admin/media/{id}/delete", tokenPageUrl: "/admin/media");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var media = await factory.MediaAsync(id);
        Assert.True(File.Exists(factory.Services.GetRequiredService<MediaStorage>().FullPath(media.StoragePath)));
        Assert.DoesNotContain($"/admin/media/{id}/delete", (await other.PageAsync($"/admin/media/{id}")).Body!.InnerHtml, StringComparison.Ordinal);

        var own = await owner.SubmitAsync($"/admin/media/{id}/delete", "form[action$='/delete']");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Media.AnyAsync(m => m.Id == id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Media" && a.EntityId == id.ToString() && a.Action == "Deleted image")));
    }

    [Fact]
    public async Task Deleting_an_image_an_article_uses_names_the_article_first()
    {
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        var id = TestImages.UploadedId(await editor.UploadAsync("used.png", TestImages.Solid(20, 20, SKColors.Pink)));
        var articleId = await factory.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var headline = await factory.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Id == articleId);
            article.HeroMediaId = id;
            await db.SaveChangesAsync();
            return article.Headline;
        });

        var page = await editor.PageAsync($"/admin/media/{id}/delete");

        Assert.Contains(headline, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("This article uses", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_library_searches_alt_text_and_file_name()
    {
        var editor = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Editor));
        await editor.UploadAsync("harbour-dawn.png", TestImages.Solid(20, 20, SKColors.Navy), alt: "Boats in the harbour at dawn");
        await editor.UploadAsync("stadium.png", TestImages.Solid(20, 20, SKColors.Olive), alt: "A full stadium");

        var byAlt = await editor.PageAsync("/admin/media?q=boats");
        var byName = await editor.PageAsync("/admin/media?q=stadium");

        Assert.Contains("harbour-dawn.png", byAlt.QuerySelector(".media-grid")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("stadium.png", byAlt.QuerySelector(".media-grid")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("stadium.png", byName.QuerySelector(".media-grid")!.TextContent, StringComparison.Ordinal);
    }
}
