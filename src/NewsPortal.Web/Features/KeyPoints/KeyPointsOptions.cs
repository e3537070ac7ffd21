namespace NewsPortal.Web.Features.KeyPoints;

/// <summary>The <c>KeyPoints</c> configuration section.</summary>
public sealed class KeyPointsOptions
{
    public const string Section = "KeyPoints";

    /// <summary>How many sentences an article's key points hold.</summary>
    public int Count { get; set; } = 3;
}
