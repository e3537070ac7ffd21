namespace NewsPortal.Web.Features.Related;

/// <summary>What the text score reads of an article: its headline, dek and the start of its body, as plain text.</summary>
public sealed record RelatedText(string Headline, string Dek, string Body);

/// <summary>The plain text of published articles, read from the search index, for scoring related picks.</summary>
public interface IRelatedTexts
{
    /// <summary>The text of each of <paramref name="ids"/> that is in the index, the body cut to its first <paramref name="bodyCharacters"/>.</summary>
    Task<Dictionary<int, RelatedText>> LoadAsync(IReadOnlyList<int> ids, int bodyCharacters, CancellationToken cancellationToken);
}
