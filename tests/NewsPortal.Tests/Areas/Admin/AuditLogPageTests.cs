using NewsPortal.Tests.TestSupport;
using NewsPortal.Web.Domain;
using NewsPortal.Web.Features.Accounts;

namespace NewsPortal.Tests.Areas.Admin;

public class AuditLogPageTests(NewsPortalFactory factory) : IClassFixture<NewsPortalFactory>
{
    [Fact]
    public async Task The_audit_log_filters_by_the_action_typed_in_the_query_and_shows_everything_without_one()
    {
        var marker = $"audit-{Guid.NewGuid():N}";
        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { Action = marker + ".published", EntityType = "Article", UserName = "desk", At = DateTime.UtcNow });
            db.AuditEntries.Add(new AuditEntry { Action = "other.action", EntityType = "Article", UserName = marker + "-user", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var admin = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Admin));

        var unfiltered = await (await admin.Client.GetAsync("/admin/audit")).Content.ReadAsStringAsync();
        var byAction = await (await admin.Client.GetAsync($"/admin/audit?action={marker}")).Content.ReadAsStringAsync();
        var byUser = await (await admin.Client.GetAsync($"/admin/audit?user={marker}")).Content.ReadAsStringAsync();

        Assert.Contains(marker + ".published", unfiltered, StringComparison.Ordinal);
        Assert.Contains(marker + ".published", byAction, StringComparison.Ordinal);
        Assert.DoesNotContain("other.action", byAction, StringComparison.Ordinal);
        Assert.Contains("other.action", byUser, StringComparison.Ordinal);
        Assert.DoesNotContain(marker + ".published", byUser, StringComparison.Ordinal);
    }
}
