using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Controllers;

public class ArticlesController(ArticlePageService articles) : ReaderController
{
    [HttpGet("/articles/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var model = await articles.GetArticleAsync(slug, cancellationToken);
        if (model is not null)
        {
            return View(model);
        }
        var current = await articles.FindRedirectAsync(slug, cancellationToken);
        return current is null ? NotFound() : RedirectPermanent($"/articles/{current}");
    }
}
