using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Tests.TestSupport;

namespace NewsPortal.Tests.Features.Comments;

public class CommentLoadTests(CommentLoadPortalFactory factory) : IClassFixture<CommentLoadPortalFactory>
{
    [Fact]
    public async Task A_thousand_comments_from_32_parallel_clients_are_all_stored_without_a_server_error()
    {
        const int clients = 32;
        const int total = 1000;
        var article = await factory.NewArticleAsync();
        var sessions = new List<(AdminSession Session, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        for (var i = 0; i < clients; i++)
        {
            var session = factory.Anonymous();
            sessions.Add((session, await session.PageAsync($"/articles/{article.Slug}/comments")));
        }

        var accepted = new ConcurrentBag<(int Id, string Body)>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var next = -1;
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (client, _) =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < total)
            {
                var body = $"Load comment {n}";
                using var response = await client.Session.SubmitAsync(client.Page, "form[data-comment-form]", CommentReader.Fields(body, name: $"Client {n % clients}"));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    accepted.Add((CommentReader.CommentId(response), body));
                }
            }
        });

        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(total, statuses.Count);
        var stored = await factory.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.ArticleId == article.Id).ToDictionaryAsync(c => c.Id, c => c.Body));
        Assert.All(accepted, a => Assert.Equal(a.Body, stored[a.Id]));
        Assert.Equal(total, accepted.Count);
    }
}
