using NewsPortal.Web.Operations.Generator;

namespace NewsPortal.Web.Operations;

public static class OperationsServices
{
    /// <summary>The operator commands run through the portal's executable (<c>-- help</c> lists them).</summary>
    public static IServiceCollection AddOperatorCommands(this IServiceCollection services)
    {
        services.AddGenerator();
        services.AddSingleton<IOperatorCommand, UsersCommand>();
        services.AddSingleton<IOperatorCommand, GenerateCommand>();
        services.AddSingleton<IOperatorCommand, ReindexCommand>();
        services.AddSingleton<IOperatorCommand, ImportCommand>();
        services.AddSingleton<IOperatorCommand, ExportCommand>();
        services.AddSingleton<IOperatorCommand, BackupCommand>();
        services.AddSingleton<IOperatorCommand, RestoreCommand>();
        services.AddSingleton<IOperatorCommand, IngestCommand>();
        services.AddSingleton<IOperatorCommand, CopyDatabaseCommand>();
        return services;
    }
}
