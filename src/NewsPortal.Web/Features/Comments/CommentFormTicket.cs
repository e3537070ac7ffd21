using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Comments;

/// <summary>
/// The form's hidden <c>Started</c> field: when the form was shown, protected by Data Protection so a bot
/// cannot write its own. A form sent sooner than <see cref="CommentsOptions.MinFillSeconds"/> is a bot's.
/// </summary>
public sealed class CommentFormTicket(IDataProtectionProvider protection, TimeProvider clock, IOptions<CommentsOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("NewsPortal.Comments.FormStarted.v1");

    /// <summary>A ticket for a form shown now; <paramref name="alreadyFilled"/> backdates it for a form re-shown with the reader's text.</summary>
    public string Issue(bool alreadyFilled = false)
    {
        var now = clock.GetUtcNow();
        if (alreadyFilled)
        {
            now -= TimeSpan.FromSeconds(Math.Max(0, options.Value.MinFillSeconds));
        }
        return _protector.Protect(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }

    public TicketCheck Check(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 500)
        {
            return TicketCheck.Missing;
        }
        long started;
        try
        {
            if (!long.TryParse(_protector.Unprotect(ticket), NumberStyles.None, CultureInfo.InvariantCulture, out started))
            {
                return TicketCheck.Missing;
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return TicketCheck.Missing;
        }
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(started);
        if (age < TimeSpan.FromSeconds(Math.Max(0, options.Value.MinFillSeconds)))
        {
            return TicketCheck.TooFast;
        }
        return age > TimeSpan.FromHours(Math.Max(1, options.Value.MaxFormAgeHours)) ? TicketCheck.Expired : TicketCheck.Valid;
    }
}

public enum TicketCheck
{
    Valid,
    Missing,
    TooFast,
    Expired,
}
