using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Media;

namespace NewsPortal.Web.Features.Transfer;

public sealed record RestoreSummary(BackupManifest Manifest, int MediaFiles, int KeyFiles, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>restore</c>: unpacks a backup beside the database into a staging folder, checks it (the manifest, the
/// database's own integrity check, its row counts against the manifest's, a schema this build knows), and
/// only then moves the database, the media files and the keys in place. It goes into an empty data folder only:
/// a database that holds rows or a media folder with files is refused before anything is read.
/// </summary>
public sealed class SiteRestore(
    NewsPortalDbContext db,
    IDatabaseBackup database,
    MediaStorage media,
    IOptions<DataProtectionFolderOptions> keys)
{
    public async Task<RestoreSummary> RestoreAsync(string archive, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        // The roles every start creates are not data: a portal started once on an empty database is still empty.
        var tables = PortalTable.InDependencyOrder(db.Model).Where(t => !t.IsStaffAccounts || t.IsUsers).Select(t => t.Name).ToList();
        var target = database.DatabaseFile;
        await RefuseUnlessEmptyAsync(target, tables, cancellationToken);

        var warnings = new List<string>();
        var staging = Path.Combine(Path.GetDirectoryName(target)!, $".restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await UnpackAsync(archive, staging, warnings, progress, cancellationToken);
            if (!manifest.Provider.Equals(database.Provider, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupException($"the backup is of a {manifest.Provider} database; this portal runs on {database.Provider}.");
            }
            var stagedDatabase = Path.Combine(staging, "database", "newsportal.db");
            if (!File.Exists(stagedDatabase))
            {
                throw new BackupException($"the archive has no {SiteBackup.DatabaseEntry}.");
            }
            progress.Report(new TransferProgress("check", 0, 1));
            var integrity = await database.CheckIntegrityAsync(stagedDatabase, cancellationToken);
            if (integrity != "ok")
            {
                throw new BackupException($"the database in the archive fails its integrity check: {integrity}");
            }
            var counts = await database.CountRowsAsync(stagedDatabase, manifest.Counts.Keys, cancellationToken);
            var wrong = manifest.Counts.FirstOrDefault(c => counts[c.Key] != c.Value);
            if (wrong.Key is not null)
            {
                throw new BackupException($"the database in the archive has {counts[wrong.Key]} rows in {wrong.Key}, the manifest says {wrong.Value}.");
            }
            var schema = await database.SchemaAsync(stagedDatabase, cancellationToken);
            if (schema is not null && !db.GetService<IMigrationsAssembly>().Migrations.ContainsKey(schema))
            {
                throw new BackupException($"the backup's schema ({schema}) is newer than this portal's; restore it with the version that made it.");
            }
            progress.Report(new TransferProgress("check", 1, 1));

            await database.PlaceAsync(stagedDatabase, cancellationToken);
            var mediaFiles = MoveFiles(Path.Combine(staging, "media"), media.Root, overwrite: false, out _);
            var keyFiles = 0;
            var stagedKeys = Path.Combine(staging, "keys");
            if (keys.Value.KeysPath is { Length: > 0 } keysPath)
            {
                // Keys are named by their id: ones already there (made when the portal first started) stay beside them.
                keyFiles = MoveFiles(stagedKeys, Path.GetFullPath(keysPath), overwrite: false, out var kept);
                if (kept > 0)
                {
                    warnings.Add($"{kept} key files were already in {keysPath} and were kept.");
                }
            }
            else if (Directory.Exists(stagedKeys))
            {
                warnings.Add("DataProtection:KeysPath is not set: the backup's data-protection keys were not restored (readers and staff sign in again).");
            }
            return new RestoreSummary(manifest, mediaFiles, keyFiles, warnings);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private async Task RefuseUnlessEmptyAsync(string target, List<string> tables, CancellationToken cancellationToken)
    {
        if (database.LiveDatabaseExists)
        {
            var held = (await database.CountRowsAsync(target, tables, cancellationToken)).Where(c => c.Value > 0).ToList();
            if (held.Count > 0)
            {
                throw new BackupException(
                    $"the database {database.LiveDatabaseName} already holds data ({string.Join(", ", held.Take(3).Select(h => $"{h.Value} {h.Key}"))}); restore goes into an empty data folder only.");
            }
        }
        if (Directory.Exists(media.Root) && Directory.EnumerateFiles(media.Root, "*", SearchOption.AllDirectories).Any())
        {
            throw new BackupException($"the media folder {media.Root} already holds files; restore goes into an empty data folder only.");
        }
    }

    private static async Task<BackupManifest> UnpackAsync(
        string archive, string staging, List<string> warnings, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        BackupManifest? manifest = null;
        var unpacked = 0;
        try
        {
            await using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (manifest is null)
                {
                    manifest = entry.Name == SiteBackup.ManifestEntry && entry.DataStream is { } data
                        ? await ReadManifestAsync(data, cancellationToken)
                        : throw new BackupException($"the archive does not begin with {SiteBackup.ManifestEntry}: it is not a NewsPortal backup.");
                    progress.Report(new TransferProgress("unpack", 0, 1 + manifest.MediaFiles + manifest.KeyFiles));
                    continue;
                }
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !(entry.Name == SiteBackup.DatabaseEntry || entry.Name.StartsWith(SiteBackup.MediaPrefix, StringComparison.Ordinal) || entry.Name.StartsWith(SiteBackup.KeysPrefix, StringComparison.Ordinal)))
                {
                    warnings.Add($"skipped '{entry.Name}': not a file a backup holds.");
                    continue;
                }
                var destination = Path.GetFullPath(Path.Combine(staging, entry.Name));
                if (!destination.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new BackupException($"the archive's entry '{entry.Name}' points outside the data folder; refused.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await entry.ExtractToFileAsync(destination, overwrite: false, cancellationToken);
                unpacked++;
                if (unpacked % 100 == 0)
                {
                    progress.Report(new TransferProgress("unpack", unpacked, 1 + manifest.MediaFiles + manifest.KeyFiles));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or JsonException)
        {
            throw new BackupException($"the archive is damaged or not a .tar.gz backup ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        if (manifest is null)
        {
            throw new BackupException("the archive is empty: it is not a NewsPortal backup.");
        }
        progress.Report(new TransferProgress("unpack", unpacked, Math.Max(unpacked, 1 + manifest.MediaFiles + manifest.KeyFiles)));
        return manifest;
    }

    private static async Task<BackupManifest> ReadManifestAsync(Stream data, CancellationToken cancellationToken)
    {
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(data, SiteBackup.ManifestJson, cancellationToken);
        if (manifest is null || manifest.Format != SiteBackup.FormatName)
        {
            throw new BackupException($"the archive's manifest is not a {SiteBackup.FormatName} manifest.");
        }
        if (manifest.Version != SiteBackup.FormatVersion)
        {
            throw new BackupException($"the backup is version {manifest.Version} of the format; this portal reads version {SiteBackup.FormatVersion}.");
        }
        if (manifest.Counts is null)
        {
            throw new BackupException("the archive's manifest has no row counts.");
        }
        return manifest;
    }

    /// <summary>Moves every file under <paramref name="from"/> to the same place under <paramref name="to"/>; returns how many moved.</summary>
    private static int MoveFiles(string from, string to, bool overwrite, out int kept)
    {
        kept = 0;
        var moved = 0;
        foreach (var (path, name) in SiteBackup.FilesUnder(from, skipFolder: null))
        {
            var destination = Path.Combine(to, name.Replace('/', Path.DirectorySeparatorChar));
            if (!overwrite && File.Exists(destination))
            {
                kept++;
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(path, destination, overwrite);
            moved++;
        }
        return moved;
    }
}
