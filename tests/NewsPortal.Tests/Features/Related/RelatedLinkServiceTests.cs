using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Related;

namespace NewsPortal.Tests.Features.Related;

public class RelatedLinkServiceTests
{
    [Fact]
    public async Task An_article_cannot_be_related_to_itself()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddArticleAsync("a");
        await using var db = database.NewContext();

        var result = await new RelatedLinkService(db).AddAsync(id, id, default);

        Assert.False(result.Succeeded);
        Assert.Equal(0, await db.RelatedLinks.CountAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_self_link_too()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await database.AddArticleAsync("a");
        await using var db = database.NewContext();

        db.RelatedLinks.Add(new RelatedLink { ArticleId = id, RelatedArticleId = id });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_same_pair_cannot_be_linked_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await database.AddArticleAsync("a");
        var b = await database.AddArticleAsync("b");
        await using var db = database.NewContext();
        var service = new RelatedLinkService(db);

        Assert.True((await service.AddAsync(a, b, default)).Succeeded);
        var second = await service.AddAsync(a, b, default);

        Assert.False(second.Succeeded);
        Assert.Equal(1, await db.RelatedLinks.CountAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_duplicate_pair_too()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await database.AddArticleAsync("a");
        var b = await database.AddArticleAsync("b");
        await using var db = database.NewContext();

        db.RelatedLinks.AddRange(
            new RelatedLink { ArticleId = a, RelatedArticleId = b, Position = 0 },
            new RelatedLink { ArticleId = a, RelatedArticleId = b, Position = 1 });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Links_keep_the_order_they_were_added_in()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await database.AddArticleAsync("a");
        var c = await database.AddArticleAsync("c");
        var b = await database.AddArticleAsync("b");
        var d = await database.AddArticleAsync("d");
        await using var db = database.NewContext();
        var service = new RelatedLinkService(db);

        foreach (var id in new[] { c, b, d })
        {
            await service.AddAsync(a, id, default);
        }

        Assert.Equal([c, b, d], await service.GetOrderAsync(a, default));
    }

    [Fact]
    public async Task Moving_and_reordering_change_only_the_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await database.AddArticleAsync("a");
        var b = await database.AddArticleAsync("b");
        var c = await database.AddArticleAsync("c");
        var d = await database.AddArticleAsync("d");
        await using var db = database.NewContext();
        var service = new RelatedLinkService(db);
        foreach (var id in new[] { b, c, d })
        {
            await service.AddAsync(a, id, default);
        }

        Assert.True((await service.MoveAsync(a, d, -1, default)).Succeeded);
        Assert.Equal([b, d, c], await service.GetOrderAsync(a, default));

        Assert.True((await service.ReorderAsync(a, [c, b, d], default)).Succeeded);
        Assert.Equal([c, b, d], await service.GetOrderAsync(a, default));

        Assert.False((await service.ReorderAsync(a, [c, b], default)).Succeeded);
        Assert.False((await service.ReorderAsync(a, [c, c, b], default)).Succeeded);
        Assert.Equal([c, b, d], await service.GetOrderAsync(a, default));
    }

    [Fact]
    public async Task Removing_a_link_keeps_the_others_in_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await database.AddArticleAsync("a");
        var b = await database.AddArticleAsync("b");
        var c = await database.AddArticleAsync("c");
        var d = await database.AddArticleAsync("d");
        await using var db = database.NewContext();
        var service = new RelatedLinkService(db);
        foreach (var id in new[] { b, c, d })
        {
            await service.AddAsync(a, id, default);
        }

        Assert.True((await service.RemoveAsync(a, c, default)).Succeeded);

        Assert.Equal([b, d], await service.GetOrderAsync(a, default));
        Assert.False((await service.RemoveAsync(a, c, default)).Succeeded);
    }
}
