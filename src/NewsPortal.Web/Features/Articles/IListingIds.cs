namespace NewsPortal.Web.Features.Articles;

public enum ListingKind
{
    Home,
    Section,
    Tag,
    Author,
}

/// <summary>Which articles a listing pages through: all of them (home), or one section's, tag's or author's.</summary>
public readonly record struct ListingScope(ListingKind Kind, int Id)
{
    public static ListingScope Home => new(ListingKind.Home, 0);
    public static ListingScope Section(int sectionId) => new(ListingKind.Section, sectionId);
    public static ListingScope Tag(int tagId) => new(ListingKind.Tag, tagId);
    public static ListingScope Author(int authorId) => new(ListingKind.Author, authorId);
}

/// <summary>
/// The ids behind reader listings, read from indexes only: how many a listing has, one page of them
/// newest first, and each columnist's latest columns. Behind an interface because staying on the
/// index is the database's own business (SQLite: covering indexes, trigger-kept tag copies).
/// </summary>
public interface IListingIds
{
    /// <summary>Published articles in <paramref name="scope"/> with a publish time up to <paramref name="publishedBy"/>.</summary>
    Task<int> CountAsync(ListingScope scope, DateTime publishedBy, CancellationToken cancellationToken);

    /// <summary>Ids of one page of <paramref name="scope"/>, newest first (ties: higher id first).</summary>
    Task<List<int>> PageAsync(ListingScope scope, DateTime publishedBy, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="perAuthor"/> published columns of each author, in no particular order.</summary>
    Task<List<int>> LatestColumnsAsync(IReadOnlyList<int> authorIds, DateTime publishedBy, int perAuthor, CancellationToken cancellationToken);
}
