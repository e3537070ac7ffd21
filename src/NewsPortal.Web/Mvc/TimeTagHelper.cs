using System.Globalization;
using Humanizer;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NewsPortal.Web.Mvc;

/// <summary>
/// Renders <c>&lt;time-ago utc="…"&gt;</c> as a machine-readable <c>&lt;time datetime&gt;</c> with
/// "13 hours ago" text; older than a week shows the date instead.
/// </summary>
[HtmlTargetElement("time-ago", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TimeTagHelper(TimeProvider clock) : TagHelper
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public DateTime Utc { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var utc = DateTime.SpecifyKind(Utc, DateTimeKind.Utc);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", utc.ToString("d MMMM yyyy, HH:mm 'UTC'", English));
        output.Content.SetContent(Describe(utc, clock.GetUtcNow().UtcDateTime));
    }

    public static string Describe(DateTime utc, DateTime now) =>
        (now - utc).Duration() > TimeSpan.FromDays(7)
            ? utc.ToString("d MMMM yyyy", English)
            : utc.Humanize(utcDate: true, dateToCompareAgainst: now, culture: English);
}
