using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Web.Operations;

/// <summary><c>users add --email … --role Editor [--password …] [--name …]</c>: creates or resets a user.</summary>
public sealed class UsersCommand : IOperatorCommand
{
    public string Name => "users";

    public string Summary => "Create a user or reset one's password and role.";

    public string Usage =>
        "users add --email <address> --role <Admin|Editor|Author> [--password <password>] [--name <display name>]\n\n" +
        "Without --password a strong one is generated and printed once. An existing user gets the new\n" +
        "password and role and is unlocked. Passwords need 12+ characters with upper, lower case and a digit.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        if (arguments.Count == 0 || arguments[0] != "add")
        {
            await output.Error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }
        var options = OperatorCommands.ParseOptions(arguments);
        var unknown = arguments.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Except(options.Values)
            .Concat(options.Keys.Except(["email", "role", "password", "name"], StringComparer.OrdinalIgnoreCase).Select(k => "--" + k))
            .ToList();
        if (unknown.Count > 0)
        {
            await output.Error.WriteLineAsync($"Unknown argument '{unknown[0]}'.\nUsage: {Usage}");
            return 2;
        }
        if (!options.TryGetValue("email", out var email) || email == "true")
        {
            await output.Error.WriteLineAsync("--email is required.");
            return 2;
        }
        if (!options.TryGetValue("role", out var role) || role == "true")
        {
            await output.Error.WriteLineAsync("--role is required (Admin, Editor or Author).");
            return 2;
        }
        options.TryGetValue("password", out var password);
        options.TryGetValue("name", out var name);

        await using var scope = services.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();
        var result = await bootstrapper.CreateOrResetAsync(email, role, password == "true" ? null : password, name);
        if (!result.Succeeded)
        {
            await output.Error.WriteLineAsync(result.Message);
            return 1;
        }
        output.Out.WriteLine(result.Message);
        if (result.GeneratedPassword is not null)
        {
            output.Out.WriteLine($"Password: {result.GeneratedPassword}");
        }
        return 0;
    }
}
