using System.Globalization;

namespace NewsPortal.Web.Features.Site;

public static class LanguageNames
{
    /// <summary>A language's own name for itself, e.g. "한국어" for "ko".</summary>
    public static string Native(string language)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(language);
            return culture.NativeName.Length > 0 ? culture.NativeName : language;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }
}
