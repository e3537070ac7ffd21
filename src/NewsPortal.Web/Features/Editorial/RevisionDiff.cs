using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NewsPortal.Web.Features.Editorial;

/// <summary>Line-by-line differences between two versions of an article's text.</summary>
public static class RevisionDiff
{
    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var diff = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        return diff.Lines.Select(l => new DiffLine(
            l.Type switch
            {
                ChangeType.Inserted => DiffLineKind.Inserted,
                ChangeType.Deleted => DiffLineKind.Deleted,
                _ => DiffLineKind.Unchanged,
            },
            l.Text ?? "")).ToList();
    }
}
