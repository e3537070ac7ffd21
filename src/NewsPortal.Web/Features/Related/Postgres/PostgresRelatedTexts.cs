using NewsPortal.Web.Features.Search;

namespace NewsPortal.Web.Features.Related.Postgres;

/// <summary>
/// Related-article text on PostgreSQL: the stored text of the search index, read through the index's own read
/// seam (<see cref="ISearchQueries.StoredTextAsync"/>, one <c>= ANY(@ids)</c> statement on PostgreSQL), so the
/// index's table stays the search capability's business; the body is cut here to what the score reads.
/// </summary>
public sealed class PostgresRelatedTexts(ISearchQueries search) : IRelatedTexts
{
    public async Task<Dictionary<int, RelatedText>> LoadAsync(IReadOnlyList<int> ids, int bodyCharacters, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var stored = await search.StoredTextAsync(ids, cancellationToken);
        return stored.ToDictionary(
            s => s.Key,
            s => new RelatedText(s.Value.Headline, s.Value.Dek, Start(s.Value.Body, bodyCharacters)));
    }

    /// <summary>The first <paramref name="characters"/> of <paramref name="body"/>, never half of a surrogate pair.</summary>
    private static string Start(string body, int characters)
    {
        if (body.Length <= characters)
        {
            return body;
        }
        var end = characters > 0 && char.IsHighSurrogate(body[characters - 1]) ? characters - 1 : characters;
        return body[..end];
    }
}
