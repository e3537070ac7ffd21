using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Web.Areas.Admin.Controllers;

public enum ArticleAccessLevel
{
    /// <summary>Reading an article's admin pages: publishers, or the Author who wrote it.</summary>
    View,

    /// <summary>Changing it: publishers, or its Author while it is neither public nor scheduled.</summary>
    Edit,
}

/// <summary>
/// Lets the action run only when the signed-in editor may view or edit the article named by the <c>id</c> route value:
/// a missing article is 404, someone else's 403, before anything is read or written.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ArticleAccessAttribute(ArticleAccessLevel level) : Attribute, IAsyncActionFilter
{
    public ArticleAccessLevel Level { get; } = level;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!int.TryParse(Convert.ToString(context.RouteData.Values["id"], CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            context.Result = new NotFoundResult();
            return;
        }
        var access = http.RequestServices.GetRequiredService<EditorialAccess>();
        var editor = await access.GetEditorAsync(http.User, http.RequestAborted);
        var allowed = Level == ArticleAccessLevel.Edit
            ? await access.CanEditAsync(id, editor, http.RequestAborted)
            : await access.CanViewAsync(id, editor, http.RequestAborted);
        if (allowed != AccessResult.Allowed)
        {
            context.Result = allowed == AccessResult.NotFound ? new NotFoundResult() : new ForbidResult();
            return;
        }
        await next();
    }
}
