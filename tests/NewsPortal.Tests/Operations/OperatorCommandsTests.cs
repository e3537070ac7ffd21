using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPortal.Tests.Features.Transfer;
using NewsPortal.Web.Operations;
using Serilog.Events;

namespace NewsPortal.Tests.Operations;

/// <summary>
/// What every operator command owes the operator: it is listed by <c>help</c>, and bad arguments or a bad file end
/// in a short message and a non-zero exit code, never a stack trace. Runs over every registered command, so a
/// command added later is held to the same.
/// </summary>
public sealed class OperatorCommandsTests(EmptyPortalFactory factory) : IClassFixture<EmptyPortalFactory>
{
    private const int MaxErrorLines = 12;

    private List<IOperatorCommand> Commands => factory.Services.GetServices<IOperatorCommand>().ToList();

    private static readonly string[] CommandNames = ["users", "generate", "reindex", "import", "export", "backup", "restore"];

    [Fact]
    public async Task Help_lists_every_registered_command_with_its_summary()
    {
        var (exitCode, output, _) = await RunAsync("help");

        Assert.Equal(0, exitCode);
        Assert.All(Commands, c => Assert.Contains($"  {c.Name}", output, StringComparison.Ordinal));
        Assert.All(CommandNames, name => Assert.Contains(Commands, c => c.Name == name));
    }

    [Fact]
    public async Task Every_command_refuses_an_unknown_option_with_a_short_message_and_a_non_zero_exit_code()
    {
        foreach (var command in Commands)
        {
            var (exitCode, output, error) = await RunAsync(command.Name, "--no-such-option", "surely-not-a-value");

            Assert.True(exitCode != 0, $"{command.Name} accepted an unknown option:\n{output}");
            AssertShortError(command.Name, error);
        }
    }

    [Theory]
    [InlineData("import", "/nonexistent-folder/site.json")]
    [InlineData("export", "/nonexistent-folder/site.json")]
    [InlineData("backup", "/nonexistent-folder/backup.tar.gz")]
    [InlineData("restore", "/nonexistent-folder/backup.tar.gz")]
    [InlineData("export")]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("import")]
    [InlineData("users", "add", "--email", "someone@example.test")]
    [InlineData("users", "add", "--email", "someone@example.test", "--role", "Janitor")]
    [InlineData("generate", "--articles", "lots")]
    [InlineData("reindex", "--only", "everything")]
    public async Task A_missing_argument_or_file_ends_in_a_short_message_and_a_non_zero_exit_code(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);

        Assert.NotEqual(0, exitCode);
        AssertShortError(args[0], error);
    }

    [Fact]
    public async Task A_file_that_is_not_what_the_command_reads_ends_in_one_line_and_exit_code_1()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-a-backup-{Guid.NewGuid():N}.tar.gz");
        await File.WriteAllTextAsync(file, "plain text, neither gzip nor JSON");
        try
        {
            foreach (var command in new[] { "restore", "import" })
            {
                var (exitCode, _, error) = await RunAsync(command, file);

                Assert.True(exitCode is 1 or 2, $"{command} exited with {exitCode}");
                AssertShortError(command, error);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_exit_code_2()
    {
        var (exitCode, _, error) = await RunAsync("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Unknown command 'frobnicate'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_fails_unexpectedly_prints_one_line_exits_1_and_logs_the_exception()
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(
                new Serilog.LoggerConfiguration().WriteTo.Sink(factory.Logs).CreateLogger(), dispose: true)))
            .AddSingleton<IOperatorCommand, FailingCommand>()
            .BuildServiceProvider();
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = await OperatorCommands.RunAsync(["explode", "now"], services, new CommandOutput(output, error), CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Equal("explode failed: the disk caught fire second line", error.ToString().Trim());
        Assert.Contains(factory.Logs.Errors, e => e.Exception?.Message == "the disk caught fire\nsecond line");
    }

    private static void AssertShortError(string command, string error)
    {
        var lines = error.Trim().Split('\n');
        Assert.True(error.Trim().Length > 0, $"{command} said nothing on the error writer");
        Assert.True(lines.Length <= MaxErrorLines, $"{command} wrote {lines.Length} error lines:\n{error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await OperatorCommands.RunAsync(args, factory.Services, new CommandOutput(output, error), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class FailingCommand : IOperatorCommand
    {
        public string Name => "explode";

        public string Summary => "Fails.";

        public string Usage => "explode";

        public Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the disk caught fire\nsecond line");
    }
}
