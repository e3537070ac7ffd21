namespace NewsPortal.Web.Features.Accounts;

/// <summary>The <c>Admin</c> section: the first admin created at start-up on a database with no users.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
