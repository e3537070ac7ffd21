namespace NewsPortal.Web.Features.Accounts;

/// <summary>The sign-in cookie: set by Identity (<see cref="AccountsServices"/>), recognised by the page cache.</summary>
public static class AuthCookie
{
    /// <summary>Chunked cookies are named <c>Name + "C1"</c>, <c>"C2"</c> …, next to the base cookie.</summary>
    public const string Name = "newsportal.auth";
}
