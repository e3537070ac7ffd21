using System.Globalization;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// One kind of file the <c>import</c> command reads: a WordPress export, a Ghost export, a folder of
/// Markdown files, the portal's own export. Each is registered as an <see cref="IImportFormat"/>; the command
/// asks each in turn whether it recognises the path (by its content, not only its name) unless the
/// operator names the format.
/// </summary>
public interface IImportFormat
{
    /// <summary>The name the operator types after <c>--format</c>, e.g. <c>wordpress</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>import --help</c>: what the format is and what is taken from it.</summary>
    string Description { get; }

    /// <summary>Cheap: looks at the path's kind and first bytes only.</summary>
    Task<bool> RecognisesAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Imports everything the file holds. Running it twice updates instead of duplicating. A file that
    /// cannot be read throws <see cref="ImportFileException"/> with one line an operator can act on.
    /// </summary>
    Task<ImportSummary> ImportAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken);
}

/// <summary>How far a long transfer has got: <paramref name="Done"/> of <paramref name="Total"/> (unknown when null) in a stage.</summary>
public readonly record struct TransferProgress(string Stage, long Done, long? Total);

/// <summary>The input file is not what it claims to be, or not readable; the message says which and where.</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What an import did, counted by kind of record ("articles", "authors", "tags" …).</summary>
public sealed class ImportSummary(string format)
{
    private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    public string Format { get; } = format;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Added(string kind, int count = 1) => Count(kind, 0, count);

    public void Updated(string kind, int count = 1) => Count(kind, 1, count);

    public void Unchanged(string kind, int count = 1) => Count(kind, 2, count);

    public void Skipped(string kind, int count = 1) => Count(kind, 3, count);

    /// <summary>Something the operator should know (an item skipped and why); the first few are printed.</summary>
    public void Warn(string warning) => _warnings.Add(warning);

    public int AddedOf(string kind) => Of(kind, 0);

    public int UpdatedOf(string kind) => Of(kind, 1);

    public int UnchangedOf(string kind) => Of(kind, 2);

    public int SkippedOf(string kind) => Of(kind, 3);

    /// <summary>"articles: 12 added, 3 updated, 0 unchanged, 1 skipped", one line per kind.</summary>
    public IEnumerable<string> Lines() => _counts.Select(pair => string.Create(CultureInfo.InvariantCulture,
        $"{pair.Key}: {pair.Value[0]} added, {pair.Value[1]} updated, {pair.Value[2]} unchanged, {pair.Value[3]} skipped"));

    private int Of(string kind, int column) => _counts.TryGetValue(kind, out var counts) ? counts[column] : 0;

    private void Count(string kind, int column, int count)
    {
        if (!_counts.TryGetValue(kind, out var counts))
        {
            _counts[kind] = counts = new int[4];
        }
        counts[column] += count;
    }
}
