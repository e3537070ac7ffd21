using Microsoft.AspNetCore.Mvc;
using NewsPortal.Web.Features.Articles;

namespace NewsPortal.Web.Mvc;

/// <summary>The site's section navigation, on every reader page.</summary>
public sealed class SectionNavViewComponent(SectionNavigation navigation) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await navigation.GetSectionsAsync(HttpContext.RequestAborted));
}
