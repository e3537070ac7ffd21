using System.Net;
using System.Net.Sockets;

namespace NewsPortal.Web.Features.Accounts;

/// <summary>The key a client is limited by: its IPv4 address, or the /64 prefix of its IPv6 address (one household or host).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
