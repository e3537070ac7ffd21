using NewsPortal.Web.Features.Transfer.Sqlite;

namespace NewsPortal.Web.Features.Transfer;

public static class TransferServices
{
    /// <summary>The portal's own export and import format, and the online backup with its restore.</summary>
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.AddOptions<DataProtectionFolderOptions>().BindConfiguration(DataProtectionFolderOptions.Section);
        services.AddSingleton<IReadSnapshot, SqliteReadSnapshot>();
        services.AddScoped<IDatabaseBackup, SqliteDatabaseBackup>();
        services.AddScoped<IIdentitySequences, SqliteIdentitySequences>();
        services.AddScoped<PortalExporter>();
        services.AddScoped<IImportFormat, PortalImportFormat>();
        services.AddScoped<SiteBackup>();
        services.AddScoped<SiteRestore>();
        return services;
    }
}

/// <summary>
/// Where the data-protection keys live (<c>DataProtection:KeysPath</c>, read by the composition root to set
/// them up): a backup carries them, so sign-in cookies and form tokens stay valid after a restore.
/// </summary>
public sealed class DataProtectionFolderOptions
{
    public const string Section = "DataProtection";

    public string? KeysPath { get; set; }
}
