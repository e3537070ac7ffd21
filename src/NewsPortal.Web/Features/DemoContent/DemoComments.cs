using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Features.DemoContent;

/// <summary>A few approved reader comments on demo articles, so the comments block is not empty on a first run.</summary>
public static class DemoComments
{
    private static readonly (string Article, string Name, string Body, double HoursAgo)[] Items =
    [
        ("pressure-mounts-for-inter-korean-detente", "Ji-hoon Park", "A balanced column. Small steps such as reopening the liaison hotline cost little and lower the risk of an accident at sea.", 10),
        ("pressure-mounts-for-inter-korean-detente", "Margaret L.", "Detente has been tried before.\nWhat is different this time? I would like to read more about the verification side.", 8),
        ("pressure-mounts-for-inter-korean-detente", "독자", "좋은 글 감사합니다. 남북 대화가 다시 시작되기를 바랍니다.", 5),
        ("bank-of-korea-holds-rate-as-household-debt-climbs", "Seo-yeon Kim", "Household debt is the real story here. The bank's statement is at https://www.bok.or.kr for anyone who wants the full text.", 3),
        ("chip-exports-hit-record-on-ai-server-demand", "Daniel R.", "Impressive numbers, but how much of this is memory prices rather than volume?", 2),
    ];

    public static void AddTo(ICollection<Comment> comments, IReadOnlyDictionary<string, Article> articles, DateTime now)
    {
        foreach (var (slug, name, body, hoursAgo) in Items)
        {
            if (!articles.TryGetValue(slug, out var article))
            {
                continue;
            }
            var at = now.AddHours(-hoursAgo);
            comments.Add(new Comment
            {
                Article = article,
                DisplayName = name,
                Email = "demo-reader@example.invalid",
                Body = body,
                Status = CommentStatus.Approved,
                CreatedAt = at,
                ModeratedBy = "Demo content",
                ModeratedAt = at,
            });
        }
    }
}
