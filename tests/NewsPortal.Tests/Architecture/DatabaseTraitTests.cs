using System.Reflection;
using NetArchTest.Rules;

namespace NewsPortal.Tests.Architecture;

/// <summary>
/// test.sh runs the suite a second time on PostgreSQL with <c>--filter "Database!=Sqlite&amp;Database!=None"</c>.
/// <c>[Trait("Database", "None")]</c> leaves a class out of that run to save time, so it must be true: such a class
/// never starts a test host or makes a test database, and would test nothing new there.
/// </summary>
[Trait("Database", "None")]
public class DatabaseTraitTests
{
    private static readonly string[] DatabaseTypes =
    [
        typeof(TestSupport.NewsPortalFactory).FullName!,
        typeof(TestSupport.TestDatabase).FullName!,
        typeof(TestSupport.PostgresServer).FullName!,
        "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory",
        // A DbContext built only to read the model (MigrationsTests, FormLimitsTests) opens no database and is allowed.
    ];

    [Fact]
    public void Classes_marked_as_using_no_database_never_start_a_host_or_open_a_database()
    {
        var assembly = typeof(DatabaseTraitTests).Assembly;
        // This class names the types it looks for.
        var noDatabase = MarkedNone(assembly).Where(name => name != typeof(DatabaseTraitTests).FullName).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(noDatabase);

        var result = Types.InAssembly(assembly).Should().NotHaveDependencyOnAny(DatabaseTypes).GetResult();
        var usingADatabase = (result.FailingTypes ?? []).Select(t => t.FullName.Split('/', '+')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(noDatabase.Intersect(usingADatabase).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_check_sees_a_host_used_inside_an_async_test()
    {
        var result = Types.InAssembly(typeof(DatabaseTraitTests).Assembly).Should().NotHaveDependencyOnAny(DatabaseTypes).GetResult();

        Assert.Contains((result.FailingTypes ?? []).Select(t => t.FullName.Split('/', '+')[0]),
            name => name == typeof(Features.Related.RelatedLinkServiceTests).FullName);
    }

    private static IEnumerable<string> MarkedNone(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.CustomAttributes.Any(a => a.AttributeType == typeof(TraitAttribute)
                && a.ConstructorArguments is [{ Value: "Database" }, { Value: "None" }]))
            .Select(t => t.FullName!);
}
