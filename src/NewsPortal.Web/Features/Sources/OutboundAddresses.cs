using System.Net;
using System.Net.Sockets;

namespace NewsPortal.Web.Features.Sources;

public enum AddressKind
{
    /// <summary>A public internet address: feeds may live there.</summary>
    Public,

    /// <summary>Loopback, private, unique-local or carrier-grade NAT: only with Sources:AllowPrivateNetworks.</summary>
    Private,

    /// <summary>Unspecified, link-local (cloud metadata lives there), multicast, broadcast or reserved: never.</summary>
    Forbidden,
}

/// <summary>Which addresses an outbound feed request may connect to. The check is made on the address actually connected.</summary>
public static class OutboundAddresses
{
    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4().GetAddressBytes());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressKind.Forbidden,
        };
    }

    public static bool IsAllowed(IPAddress address, bool allowPrivateNetworks) => Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Private => allowPrivateNetworks,
        _ => false,
    };

    private static AddressKind ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => AddressKind.Forbidden,                                   // 0/8 "this network", 0.0.0.0 reaches the local host
        [127, ..] => AddressKind.Private,                                   // loopback
        [10, ..] => AddressKind.Private,
        [172, >= 16 and <= 31, ..] => AddressKind.Private,
        [192, 168, ..] => AddressKind.Private,
        [100, >= 64 and <= 127, ..] => AddressKind.Private,                 // carrier-grade NAT 100.64/10
        [169, 254, ..] => AddressKind.Forbidden,                            // link-local, 169.254.169.254 metadata
        [192, 0, 0, _] => AddressKind.Private,                              // IETF protocol assignments
        [198, 18 or 19, ..] => AddressKind.Private,                         // benchmarking
        [>= 224, ..] => AddressKind.Forbidden,                              // multicast 224/4, reserved 240/4, broadcast
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Forbidden;
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressKind.Private;
        }
        var b = address.GetAddressBytes();
        if (b[0] == 0xff || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
        {
            return AddressKind.Forbidden;                                   // multicast ff00::/8, link-local fe80::/10
        }
        if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0))
        {
            return AddressKind.Private;                                     // unique local fc00::/7, old site-local fec0::/10
        }
        // Addresses that carry an IPv4 address inside are judged by it: NAT64 64:ff9b::/96, 6to4 2002::/16.
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return ClassifyV4(b[12..]);
        }
        if (b is [0x20, 0x02, ..])
        {
            return ClassifyV4(b[2..6]);
        }
        if (b.Take(12).All(x => x == 0))
        {
            return AddressKind.Forbidden;                                   // deprecated IPv4-compatible ::a.b.c.d
        }
        return AddressKind.Public;
    }
}

/// <summary>A feed request tried to reach an address it may not; never retried.</summary>
public sealed class RefusedAddressException(string message) : Exception(message);
