namespace NewsPortal.Web.Features.Accounts;

/// <summary>Names of the admin area's authorization policies.</summary>
public static class Policies
{
    /// <summary>Anyone on the newsroom staff: Admin, Editor or Author.</summary>
    public const string Staff = "Staff";

    /// <summary>May publish, schedule and unpublish any article, and manage authors, sections, tags and sources.</summary>
    public const string Publisher = "Publisher";

    /// <summary>Manages users and reads the audit log.</summary>
    public const string Administrator = "Administrator";
}
