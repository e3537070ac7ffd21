using System.Reflection;
using NetArchTest.Rules;

namespace NewsPortal.Tests.Architecture;

/// <summary>
/// The folder rules of the web project (docs/architecture.md: Domain, Data, Features, Mvc, Controllers, Areas,
/// Infrastructure, Operations) checked on the compiled assembly, so a forbidden using fails a test that
/// names the type to fix.
/// </summary>
[Trait("Database", "None")]
public class LayeringTests
{
    private const string Web = "NewsPortal.Web";

    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    /// <summary>Each rule over the types under a root namespace, so the same rule can be shown to bite on <see cref="Offenders"/>.</summary>
    private static readonly Dictionary<string, Func<Assembly, string, TestResult>> Rules = new(StringComparer.Ordinal)
    {
        // ApplicationUser derives from IdentityUser (Microsoft.AspNetCore.Identity), which is allowed.
        ["Domain"] = (assembly, root) => Under(assembly, root + ".Domain")
            .Should().NotHaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Mvc")
            .GetResult(),
        ["Data"] = (assembly, root) => Under(assembly, root + ".Data")
            .Should().NotHaveDependencyOnAny(
                root + ".Features", root + ".Controllers", root + ".Areas", root + ".Mvc", root + ".Operations", root + ".Infrastructure")
            .GetResult(),
        ["Features"] = (assembly, root) => Under(assembly, root + ".Features")
            .Should().NotHaveDependencyOnAny(
                root + ".Controllers", root + ".Areas", root + ".Mvc", root + ".Operations", root + ".Infrastructure",
                "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Razor.TagHelpers")
            .GetResult(),
        ["Controllers and Areas"] = (assembly, root) => Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching(Within(root + ".Controllers")).Or().ResideInNamespaceMatching(Within(root + ".Areas"))
            .Should().NotHaveDependencyOnAny(root + ".Data.NewsPortalDbContext")
            .GetResult(),
        ["Reader site"] = (assembly, root) => Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching(Within(root + ".Controllers")).Or().ResideInNamespaceMatching(Within(root + ".Mvc"))
            .Should().NotHaveDependencyOnAny(root + ".Areas.Admin")
            .GetResult(),
        // Infrastructure and Data set the provider up; everything else goes through a capability's Sqlite folder.
        ["Sqlite"] = (assembly, root) => Under(assembly, root)
            .And().DoNotResideInNamespaceMatching(InFolder("Sqlite"))
            .And().DoNotResideInNamespaceMatching(Within(root + ".Infrastructure"))
            .And().DoNotResideInNamespaceMatching(Within(root + ".Data"))
            .Should().NotHaveDependencyOnAny("Microsoft.Data.Sqlite")
            .GetResult(),
        // The same for PostgreSQL: Npgsql (and its EF provider) only in a capability's Postgres folder, the
        // provider set-up in Infrastructure, and Data (PostgresNewsPortalDbContext, its migrations).
        ["Postgres"] = (assembly, root) => Under(assembly, root)
            .And().DoNotResideInNamespaceMatching(InFolder("Postgres"))
            .And().DoNotResideInNamespaceMatching(Within(root + ".Infrastructure"))
            .And().DoNotResideInNamespaceMatching(Within(root + ".Data"))
            .Should().NotHaveDependencyOnAny("Npgsql", "NpgsqlTypes", "Microsoft.EntityFrameworkCore.Npgsql")
            .GetResult(),
    };

    [Fact]
    public void Domain_uses_neither_entity_framework_nor_mvc() => AssertKept("Domain");

    [Fact]
    public void Data_does_not_use_features_controllers_areas_mvc_operations_or_infrastructure() => AssertKept("Data");

    [Fact]
    public void Features_do_not_use_controllers_areas_mvc_operations_infrastructure_or_aspnet_mvc_types() => AssertKept("Features");

    [Fact]
    public void Controllers_and_areas_never_take_the_db_context() => AssertKept("Controllers and Areas");

    [Fact]
    public void Reader_controllers_and_mvc_plumbing_do_not_use_the_admin_area() => AssertKept("Reader site");

    [Fact]
    public void Microsoft_data_sqlite_is_used_only_in_sqlite_folders_infrastructure_and_data() => AssertKept("Sqlite");

    [Fact]
    public void Npgsql_is_used_only_in_postgres_folders_infrastructure_and_data() => AssertKept("Postgres");

    public static TheoryData<string, string> Broken => new()
    {
        { "Domain", "Offenders.Domain.EntityWithAContext" },
        { "Data", "Offenders.Data.ContextThatCallsAFeature" },
        { "Features", "Offenders.Features.Search.ServiceThatReturnsAnActionResult" },
        { "Controllers and Areas", "Offenders.Controllers.ControllerThatTakesTheContext" },
        { "Reader site", "Offenders.Mvc.FilterThatUsesTheAdminArea" },
        { "Sqlite", "Offenders.Features.Search.ServiceWithSqliteParameters" },
        { "Postgres", "Offenders.Features.Search.ServiceWithNpgsqlParameters" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_rule_fails_and_names_exactly_the_offending_type(string rule, string offender)
    {
        var result = Rules[rule](typeof(LayeringTests).Assembly, typeof(Offenders.Marker).Namespace!);

        Assert.False(result.IsSuccessful);
        Assert.Equal(new[] { typeof(LayeringTests).Namespace + "." + offender }, OffendingTypes(result));
        Assert.Contains(offender, Describe(rule, result), StringComparison.Ordinal);
    }

    private static PredicateList Under(Assembly assembly, string ns) =>
        Types.InAssembly(assembly).That().ResideInNamespaceMatching(Within(ns));

    /// <summary>
    /// Types in a folder of that name, and the compiler's types nested in them (an async method's state machine,
    /// whose namespace NetArchTest reports with the declaring type's name after the folder's).
    /// </summary>
    private static string InFolder(string folder) => @"\." + folder + @"(\.|$)";

    /// <summary>A namespace and those below it, but not a sibling that merely starts with the same letters.</summary>
    private static string Within(string ns) => "^" + System.Text.RegularExpressions.Regex.Escape(ns) + @"(\.|$)";

    private static void AssertKept(string rule)
    {
        var result = Rules[rule](WebAssembly, Web);
        Assert.True(result.IsSuccessful, Describe(rule, result));
    }

    /// <summary>Compiler-made nested types (async state machines, closures) are reported as the type the code is in.</summary>
    private static List<string> OffendingTypes(TestResult result) =>
        [.. (result.FailingTypes ?? []).Select(t => t.FullName.Split('/', '+')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Describe(string rule, TestResult result)
    {
        var lines = (result.FailingTypes ?? [])
            .GroupBy(t => t.FullName.Split('/', '+')[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key}: {string.Join("; ", g.Select(t => t.Explanation).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal))}");
        return $"The {rule} rule is broken by {OffendingTypes(result).Count} type(s):\n{string.Join('\n', lines)}";
    }
}
