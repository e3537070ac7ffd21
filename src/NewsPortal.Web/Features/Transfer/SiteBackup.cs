using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>What a backup archive says about itself: its first entry, <c>manifest.json</c>.</summary>
public sealed record BackupManifest(
    string Format,
    int Version,
    DateTime Created,
    string Provider,
    string? Schema,
    IReadOnlyDictionary<string, long> Counts,
    int MediaFiles,
    int KeyFiles);

public sealed record BackupSummary(BackupManifest Manifest, long ArchiveBytes, int FilesGone);

/// <summary>A backup or restore that cannot go on; the message is one line an operator can act on.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// <c>backup</c>: one <c>.tar.gz</c> with <c>manifest.json</c> first, then <c>database/newsportal.db</c> (a consistent copy
/// taken while the portal serves), <c>media/…</c> (the originals under Media:Root; the rendition cache is rebuilt on
/// demand) and <c>keys/…</c> (the data-protection keys, when DataProtection:KeysPath is set).
/// </summary>
public sealed class SiteBackup(
    NewsPortalDbContext db,
    IDatabaseBackup database,
    MediaStorage media,
    IOptions<DataProtectionFolderOptions> keys,
    TimeProvider clock)
{
    public const string FormatName = "newsportal-backup";
    public const int FormatVersion = 1;
    public const string ManifestEntry = "manifest.json";
    public const string DatabaseEntry = "database/newsportal.db";
    public const string MediaPrefix = "media/";
    public const string KeysPrefix = "keys/";

    internal static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<BackupSummary> BackupAsync(string path, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var temporary = path + ".partial";
        var snapshot = path + ".db.partial";
        try
        {
            var created = clock.GetUtcNow().UtcDateTime;
            progress.Report(new TransferProgress("database", 0, 1));
            await database.SnapshotAsync(snapshot, cancellationToken);
            progress.Report(new TransferProgress("database", 1, 1));
            var tables = PortalTable.InDependencyOrder(db.Model).Select(t => t.Name).ToList();
            var counts = await database.CountRowsAsync(snapshot, tables, cancellationToken);
            var schema = await database.SchemaAsync(snapshot, cancellationToken);
            var mediaFiles = FilesUnder(media.Root, skipFolder: "cache");
            var keyFiles = KeysFolder() is { } keysFolder ? FilesUnder(keysFolder, skipFolder: null) : [];
            var manifest = new BackupManifest(FormatName, FormatVersion, created, database.Provider, schema, counts, mediaFiles.Count, keyFiles.Count);

            var gone = 0;
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                // First, so a restore checks what the archive is before it unpacks anything.
                using var manifestBytes = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson));
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry) { DataStream = manifestBytes }, cancellationToken);
                await tar.WriteEntryAsync(snapshot, DatabaseEntry, cancellationToken);
                gone += await AddFilesAsync(tar, "media", MediaPrefix, mediaFiles, progress, cancellationToken);
                gone += await AddFilesAsync(tar, "keys", KeysPrefix, keyFiles, progress, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
            return new BackupSummary(manifest, new FileInfo(path).Length, gone);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(snapshot);
        }
    }

    private string? KeysFolder() => keys.Value.KeysPath is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    /// <summary>Files under <paramref name="root"/> (absolute path, archive-relative name), without half-written uploads.</summary>
    internal static List<(string Path, string Name)> FilesUnder(string root, string? skipFolder)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => (Path: p, Name: Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => !f.Name.EndsWith(".tmp", StringComparison.Ordinal)
                && (skipFolder is null || !f.Name.StartsWith(skipFolder + "/", StringComparison.Ordinal)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <returns>How many listed files were gone by the time they were copied (deleted meanwhile).</returns>
    private static async Task<int> AddFilesAsync(
        TarWriter tar, string stage, string prefix, List<(string Path, string Name)> files, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var gone = 0;
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                await tar.WriteEntryAsync(files[i].Path, prefix + files[i].Name, cancellationToken);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                gone++;
            }
            if (i % 100 == 99)
            {
                progress.Report(new TransferProgress(stage, i + 1, files.Count));
            }
        }
        progress.Report(new TransferProgress(stage, files.Count, files.Count));
        return gone;
    }
}
