using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Shared;

namespace NewsPortal.Web.Features.Search;

/// <summary>
/// Bounds how many full-text queries run at once (<c>Search:MaxConcurrentQueries</c>, default twice
/// the processor count). A query for a common word holds megabytes of FTS5 doclists while it runs,
/// and on two cores a few at a time are served as fast as 32 at once.
/// </summary>
public sealed class SearchGate(IOptions<SearchOptions> options) : ConcurrencyGate(options.Value.MaxConcurrentQueries)
{
    public int MaxConcurrentQueries => Slots;
}
