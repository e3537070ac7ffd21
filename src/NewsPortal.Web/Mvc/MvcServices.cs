using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;

namespace NewsPortal.Web.Mvc;

public static class MvcServices
{
    /// <summary>Controllers and views for the reader site and the admin area, with the filters every page shares.</summary>
    public static IServiceCollection AddNewsPortalMvc(this IServiceCollection services)
    {
        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.Filters.Add<ArticleCardTagsFilter>();
        });
        services.AddRouting(options => options.LowercaseUrls = true);

        // Encode markup characters only: Korean headlines, meta tags and snippets stay readable
        // (and a third the size) instead of becoming &#xD55C; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
