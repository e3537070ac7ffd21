using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Comments;

namespace NewsPortal.Web.Controllers;

/// <summary>
/// Reader comments. The cached article page carries the form without a token; <c>comments.js</c> fetches one from
/// <c>GET /articles/{slug}/comments</c>, and without JavaScript a post without it re-shows the form, text kept, with one.
/// </summary>
public class CommentsController(
    CommentPosting posting,
    CommentFormTicket tickets,
    ReaderCommentCookie cookie,
    CommentThreads threads,
    IAntiforgery antiforgery,
    IOptions<CommentsOptions> options) : ReaderController
{
    /// <summary>
    /// The discussion pages: every approved comment, a page at a time. Cached like the listings (by <c>page</c>) and
    /// evicted with the article's page when a comment is moderated (<see cref="CommentPageEviction"/>).
    /// </summary>
    [HttpGet("/articles/{slug}/comments/all")]
    public async Task<IActionResult> All(string slug, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (!TryReadPage(page, out var pageNumber))
        {
            return BadRequest();
        }
        var model = await threads.GetDiscussionAsync(slug, pageNumber, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("/articles/{slug}/comments")]
    public async Task<IActionResult> New(string slug, CancellationToken cancellationToken)
    {
        var article = await posting.FindArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        // No Cache-Control here: the form's antiforgery token makes the response no-store itself, and setting it
        // first makes antiforgery log a warning on every view.
        return FormPage(article, new CommentForm { Started = tickets.Issue() }, new Dictionary<string, string>(), null);
    }

    [HttpPost("/articles/{slug}/comments")]
    [IgnoreAntiforgeryToken] // checked below, so that a post without the token keeps the reader's text
    [EnableRateLimiting(CommentRateLimitPolicy.PolicyName)]
    public async Task<IActionResult> Create(string slug, CommentForm form, CancellationToken cancellationToken)
    {
        var tokenValid = await antiforgery.IsRequestValidAsync(HttpContext);
        var result = await posting.PostAsync(slug, form, tokenValid, cancellationToken);
        switch (result.Outcome)
        {
            case PostOutcome.NotFound:
                return NotFound();
            case PostOutcome.Dropped:
                return Redirect($"/articles/{slug}#comments");
            case PostOutcome.Posted:
                if (result.Pending)
                {
                    cookie.Append(HttpContext, slug, result.CommentId!.Value);
                }
                return Redirect($"/articles/{slug}#comment-{result.CommentId}");
        }

        var article = await posting.FindArticleAsync(slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (result.Outcome == PostOutcome.Closed)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return FormPage(article, form, new Dictionary<string, string>(), null);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        var kept = new CommentForm
        {
            Name = form.Name,
            Email = form.Email,
            Body = CommentPosting.Normalize(form.Body),
            // The reader has already filled the form: only a form sent too fast (or expired) must wait again.
            Started = tickets.Issue(alreadyFilled: !(tokenValid && result.Notice is not null)),
        };
        return FormPage(article, kept, result.Errors ?? new Dictionary<string, string>(), result.Notice);
    }

    private ViewResult FormPage(ArticleCommentState article, CommentForm form, IReadOnlyDictionary<string, string> errors, string? notice) =>
        View("Form", new CommentFormPage(article.Slug, article.Headline, article.Closed, form, errors, notice,
            options.Value.MaxLength, options.Value.Moderation == CommentModeration.HoldAll));
}
