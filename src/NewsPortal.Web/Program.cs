using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddNewsPortal();
// Disposed on every way out, commands and failed starts included, so the log's background writer empties its buffer.
await using var app = builder.Build();

if (OperatorCommands.IsCommand(args))
{
    // Each command says how much database preparation it needs: restore must find the files untouched,
    // import must not find demo content in the database it fills.
    return await OperatorCommands.RunAsync(
        args,
        app.Services,
        new CommandOutput(Console.Out, Console.Error),
        (preparation, cancellationToken) => preparation is DatabasePreparation.None
            ? Task.CompletedTask
            : app.Services.PrepareDatabaseAsync(seedDemoContent: preparation is DatabasePreparation.MigrateAndSeed, cancellationToken),
        app.Lifetime.ApplicationStopping);
}

// Migrations, demo content and an empty search index filled: by one replica at a time.
await app.Services.PrepareForServingAsync(app.Lifetime.ApplicationStopping);
app.UseNewsPortal();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
