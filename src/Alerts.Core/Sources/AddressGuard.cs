using System.Net;
using System.Net.Sockets;

namespace Alerts.Core.Sources;

/// <summary>
/// Which addresses a source may not reach unless it allows private networks: loopback, link-local
/// (including the 169.254.169.254 cloud metadata endpoint), private, shared (CGNAT), unspecified, multicast
/// and reserved ranges, in IPv4, IPv6 and IPv4-mapped IPv6 form.
/// </summary>
public static class AddressGuard
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 0                                   // 0.0.0.0/8
                || b[0] == 10                                  // 10/8
                || b[0] == 127                                 // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)        // 100.64/10 shared address space
                || (b[0] == 169 && b[1] == 254)                // link-local, cloud metadata
                || (b[0] == 172 && (b[1] & 0xF0) == 16)        // 172.16/12
                || (b[0] == 192 && b[1] == 168)                // 192.168/16
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)     // 192.0.0/24 protocol assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18)        // 198.18/15 benchmarking
                || b[0] >= 224;                                // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
            {
                return true;
            }
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if ((b[0] & 0xFE) == 0xFC)                         // fc00::/7 unique local
            {
                return true;
            }
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) forms carry an IPv4 address: judge that.
            var embedsV4 = b[..12].IndexOfAnyExcept((byte)0) < 0
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0);
            return embedsV4 && IsForbidden(new IPAddress(b[12..]));
        }
        return true;
    }
}
