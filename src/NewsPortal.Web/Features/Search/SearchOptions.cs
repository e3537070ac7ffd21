namespace NewsPortal.Web.Features.Search;

/// <summary>The <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>How many full-text queries may run at once; kept between 1 and 256.</summary>
    public int MaxConcurrentQueries { get; set; } = Environment.ProcessorCount * 2;
}
