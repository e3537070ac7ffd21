using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Features.Discovery;
using NewsPortal.Web.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddNewsPortal();
var app = builder.Build();

await app.Services.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args, app.Services, new CommandOutput(Console.Out, Console.Error), app.Lifetime.ApplicationStopping);
}

await app.Services.PrepareDiscoveryAsync(app.Lifetime.ApplicationStopping);
app.UseNewsPortal();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
