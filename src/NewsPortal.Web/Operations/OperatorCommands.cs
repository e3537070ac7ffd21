using System.Globalization;
using NewsPortal.Web.Features.Discovery;

namespace NewsPortal.Web.Operations;

/// <summary>
/// Where a command writes: normal output and errors. The executable passes the process's console;
/// tests pass their own writers, so commands running in parallel never share one.
/// </summary>
public sealed record CommandOutput(TextWriter Out, TextWriter Error)
{
    public static CommandOutput Null { get; } = new(TextWriter.Null, TextWriter.Null);
}

/// <summary>An operator command run through the portal's own executable, e.g. <c>-- users add …</c>.</summary>
public interface IOperatorCommand
{
    string Name { get; }
    string Summary { get; }
    string Usage { get; }

    /// <summary>
    /// What the database needs before the command runs. Most commands want what serving does (migrations,
    /// then the demo content into an empty database); <c>import</c> wants the schema without demo content,
    /// <c>backup</c> and <c>restore</c> want the files left exactly as they are.
    /// </summary>
    DatabasePreparation Preparation => DatabasePreparation.MigrateAndSeed;

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken);
}

/// <summary>How much of the portal's start-up database work a command needs before it runs.</summary>
public enum DatabasePreparation
{
    /// <summary>Migrations, WAL, and the demo content into an empty database (when Seed:DemoContent is on): as serving does.</summary>
    MigrateAndSeed,

    /// <summary>Migrations and WAL only: the command fills the database itself, so demo content must not come first.</summary>
    MigrateOnly,

    /// <summary>Nothing: the command reads or replaces the database files as they are.</summary>
    None,
}

/// <summary>Prepares the database as a command asks, before it runs; the composition root supplies it (Program.cs).</summary>
public delegate Task PrepareDatabase(DatabasePreparation preparation, CancellationToken cancellationToken);

public static class OperatorCommands
{
    /// <summary>True when the first argument names a command rather than a web-host option.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    /// <summary>Runs the command <paramref name="args"/> names, with no database preparation (tests, where the host has prepared it).</summary>
    public static Task<int> RunAsync(string[] args, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken) =>
        RunAsync(args, services, output, (_, _) => Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Runs the command <paramref name="args"/> names, after <paramref name="prepare"/> has readied the database as the
    /// command asks. Whatever goes wrong ends as one line on the error writer and exit code 1; the details go to the log.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CommandOutput output, PrepareDatabase prepare, CancellationToken cancellationToken)
    {
        var commands = services.GetServices<IOperatorCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var name = args[0];
        if (name is "help")
        {
            PrintHelp(commands, output.Out);
            return 0;
        }
        var command = commands.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await output.Error.WriteLineAsync($"Unknown command '{name}'.");
            PrintHelp(commands, output.Error);
            return 2;
        }
        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            output.Out.WriteLine($"{command.Summary}\n\nUsage: dotnet run --project src/NewsPortal.Web -- {command.Usage}");
            return 0;
        }
        try
        {
            await prepare(command.Preparation, cancellationToken);
            var exitCode = await command.RunAsync(rest, services, output, cancellationToken);
            if (command.Preparation is not DatabasePreparation.None)
            {
                // Commands run without the background worker: what they queued (an import's articles) is done before the process ends.
                var (processed, pending) = await services.CompleteDerivedWorkAsync(cancellationToken);
                if (processed > 0 || pending > 0)
                {
                    output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Derived work (search index, related articles): {processed} articles brought up to date{(pending > 0 ? $", {pending} still pending (retried when the portal runs)" : "")}."));
                }
            }
            return exitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.Error.WriteLineAsync($"{command.Name} stopped: cancelled before it finished.");
            return 130;
        }
#pragma warning disable CA1031 // The one place an unexpected failure becomes an operator's line instead of a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorCommands).FullName!)
                .LogError(e, "Operator command {Command} failed", command.Name);
            await output.Error.WriteLineAsync($"{command.Name} failed: {OneLine(e)}");
            return 1;
        }
    }

    /// <summary>The innermost message that says something (EF wraps SQLite's), on one line.</summary>
    private static string OneLine(Exception exception)
    {
        var e = exception;
        while (e is Microsoft.EntityFrameworkCore.DbUpdateException or AggregateException or System.Reflection.TargetInvocationException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        return message.Length > 0 ? message : e.GetType().Name;
    }

    private static void PrintHelp(IEnumerable<IOperatorCommand> commands, TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet run --project src/NewsPortal.Web -- <command> [options]\n\nCommands:");
        foreach (var command in commands)
        {
            writer.WriteLine($"  {command.Name,-12} {command.Summary}");
        }
        writer.WriteLine("\nWithout a command the portal starts serving. Each command prints --help.");
    }

    /// <summary>Reads "--name value" pairs; a flag without a value reads as "true".</summary>
    public static Dictionary<string, string> ParseOptions(IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }
            var key = arguments[i][2..];
            var hasValue = i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[key] = hasValue ? arguments[++i] : "true";
        }
        return options;
    }
}
