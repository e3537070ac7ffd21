using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using NewsPortal.Web.Features.Transfer;

namespace NewsPortal.Web.Features.Imports;

/// <summary>Reading the operator's files: safely, a head at a time, with failures as one line.</summary>
public static partial class ImportFiles
{
    /// <summary>
    /// No DTD (so no entity expansion such as "billion laughs") and no resolver (so no external entity ever
    /// reads a file or an address): a document that declares one is refused before anything else is read.
    /// </summary>
    public static XmlReaderSettings SafeXmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        Async = true,
    };

    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"cannot open {Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    /// <summary>The first <paramref name="bytes"/> bytes as UTF-8 text (BOM dropped); empty when the file cannot be read.</summary>
    public static async Task<string> ReadHeadAsync(string path, int bytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            var buffer = new byte[bytes];
            var read = await stream.ReadAtLeastAsync(buffer, bytes, throwOnEndOfStream: false, cancellationToken);
            return Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>An excerpt or caption as plain text: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string PlainText(string? html) =>
        string.IsNullOrWhiteSpace(html) ? ""
        : Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(BlockBreaks().Replace(html, " "), ""), "")), " ").Trim();

    // Where a block ends or a line breaks, words must stay apart; inline tags (<em>dredged</em>.) leave nothing.
    [GeneratedRegex(@"<(br|/p|/div|/li|/h[1-6]|/blockquote|/figcaption)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreaks();

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
