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

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken);
}

public static class OperatorCommands
{
    /// <summary>True when the first argument names a command rather than a web-host option.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var commands = services.GetServices<IOperatorCommand>().OrderBy(c => c.Name).ToList();
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
            PrintHelp(commands, output.Out);
            return 2;
        }
        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            output.Out.WriteLine($"{command.Summary}\n\nUsage: dotnet run --project src/NewsPortal.Web -- {command.Usage}");
            return 0;
        }
        return await command.RunAsync(rest, services, output, cancellationToken);
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
