namespace NewsPortal.Web.Features.Accounts;

/// <summary>
/// The <c>SignIn</c> section: how many sign-in attempts a client address and an account get per window,
/// and how many wrong passwords one address may try on one account before that pair is refused.
/// </summary>
public sealed class SignInLimitsOptions
{
    public const string Section = "SignIn";

    /// <summary>Sign-in posts per client address (IPv4 address or IPv6 /64) per window; then 429. Default 10.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>Sign-in posts naming one account (normalised email), from anywhere, per window; then 429. Default 10.</summary>
    public int AccountPermitLimit { get; set; } = 10;

    /// <summary>The window of both limits, in minutes. Default 15.</summary>
    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Wrong passwords one client address may give for one account before that address is refused for the account
    /// (the account itself is never locked, so nobody can lock the newsroom out). Default 5.
    /// </summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long an address that reached <see cref="MaxFailures"/> is refused for that account, in minutes. Default 15.</summary>
    public int FailureBlockMinutes { get; set; } = 15;

    public TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, WindowMinutes));
}
