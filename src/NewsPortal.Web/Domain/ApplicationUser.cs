using Microsoft.AspNetCore.Identity;

namespace NewsPortal.Web.Domain;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Author = "Author";

    public static readonly string[] All = [Admin, Editor, Author];
}
