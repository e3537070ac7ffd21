using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Features.Comments;

/// <summary>A reader's comment post: bot checks, validation, one insert. The cached article page is left alone unless the comment is shown at once.</summary>
public sealed class CommentPosting(
    NewsPortalDbContext db,
    PublishedArticles published,
    CommentFormTicket tickets,
    CommentPageEviction eviction,
    TimeProvider clock,
    IOptions<CommentsOptions> options)
{
    private readonly CommentsOptions _options = options.Value;

    public Task<ArticleCommentState?> FindArticleAsync(string slug, CancellationToken cancellationToken) =>
        published.Query().Where(a => a.Slug == slug)
            .Select(a => new ArticleCommentState(a.Id, a.Slug, a.Headline, a.CommentsClosed))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<PostResult> PostAsync(string slug, CommentForm form, bool tokenValid, CancellationToken cancellationToken)
    {
        var article = await FindArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return new PostResult(PostOutcome.NotFound);
        }
        if (article.Closed)
        {
            return new PostResult(PostOutcome.Closed);
        }
        if (!string.IsNullOrEmpty(form.Website))
        {
            return new PostResult(PostOutcome.Dropped);
        }
        if (!tokenValid)
        {
            return new PostResult(PostOutcome.Invalid, Errors: new Dictionary<string, string>(),
                Notice: "Your comment has not been posted yet: please check it and send it again.");
        }
        switch (tickets.Check(form.Started))
        {
            case TicketCheck.TooFast:
                return new PostResult(PostOutcome.Invalid, Errors: new Dictionary<string, string>(),
                    Notice: "That was quicker than we expect from a person: please check your comment and send it again.");
            case TicketCheck.Missing or TicketCheck.Expired:
                return new PostResult(PostOutcome.Invalid, Errors: new Dictionary<string, string>(),
                    Notice: "The form had expired: please check your comment and send it again.");
        }

        var body = Normalize(form.Body);
        var name = form.Name?.Trim() ?? "";
        var email = form.Email?.Trim() ?? "";
        var errors = Validate(name, email, body);
        if (errors.Count > 0)
        {
            return new PostResult(PostOutcome.Invalid, Errors: errors);
        }

        var approved = _options.Moderation == CommentModeration.PublishAtOnce;
        var comment = new Comment
        {
            ArticleId = article.Id,
            DisplayName = name,
            Email = email,
            Body = body,
            Status = approved ? CommentStatus.Approved : CommentStatus.Pending,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        if (approved)
        {
            await eviction.EvictAsync([article.Slug], cancellationToken);
        }
        return new PostResult(PostOutcome.Posted, comment.Id, Pending: !approved);
    }

    /// <summary>Line breaks as one character each, as the browser's own <c>maxlength</c> counts them.</summary>
    public static string Normalize(string? body) => (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private Dictionary<string, string> Validate(string name, string email, string body)
    {
        var errors = new Dictionary<string, string>();
        if (name.Length == 0)
        {
            errors[nameof(CommentForm.Name)] = "Enter the name to show with your comment.";
        }
        else if (name.Length > CommentsOptions.MaxNameLength)
        {
            errors[nameof(CommentForm.Name)] = $"The name is too long: at most {CommentsOptions.MaxNameLength} characters.";
        }
        if (email.Length == 0)
        {
            errors[nameof(CommentForm.Email)] = "Enter your email address. It is never shown.";
        }
        else if (email.Length > CommentsOptions.MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors[nameof(CommentForm.Email)] = "Enter a valid email address, like name@example.com.";
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            errors[nameof(CommentForm.Body)] = "Write your comment.";
        }
        else if (body.Length > _options.MaxLength)
        {
            errors[nameof(CommentForm.Body)] = $"The comment is too long: {body.Length:N0} characters, at most {_options.MaxLength:N0}.";
        }
        return errors;
    }
}
