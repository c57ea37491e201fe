using System.Net;
using System.Net.Sockets;

namespace Trajecten.Domain.Webhooks;

/// <summary>
/// Which addresses a webhook may connect to. A callback URL is chosen by the subscriber, so without a rule the silo
/// would post on its behalf to anything the silo can reach: the cloud metadata service, the database, the internal
/// network. Internal addresses (loopback, link-local, private, unique local, shared, reserved, multicast) are refused
/// unless an allow-list in configuration names them; IPv4 embedded in IPv6 is judged as the IPv4 address it carries.
/// </summary>
public static class Doeladres
{
    private static readonly IPNetwork[] Intern =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>The address as it will be reached: IPv4-mapped, -compatible and NAT64 IPv6 addresses as their IPv4 address.</summary>
    public static IPAddress Normaliseer(IPAddress adres)
    {
        if (adres.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return adres;
        }

        if (adres.IsIPv4MappedToIPv6)
        {
            return adres.MapToIPv4();
        }

        var bytes = adres.GetAddressBytes();
        var ingebed = Nat64.Contains(adres) || (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && bytes[12..].Any(b => b != 0) && !IPAddress.IsLoopback(adres));
        return ingebed ? new IPAddress(bytes[12..]) : adres;
    }

    public static bool IsIntern(IPAddress adres)
    {
        var a = Normaliseer(adres);
        return Intern.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }

    /// <summary>Public addresses always; internal ones only when a network of the allow-list contains them.</summary>
    public static bool MagVerbinden(IPAddress adres, IReadOnlyList<IPNetwork> toegestaan)
    {
        var a = Normaliseer(adres);
        return !IsIntern(a) || toegestaan.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }

    /// <summary>The allow-list from configuration: networks in CIDR notation (<c>127.0.0.1/32</c>, <c>10.20.0.0/16</c>, <c>::1/128</c>).</summary>
    public static IReadOnlyList<IPNetwork>? LeesToegestaan(IEnumerable<string> regels, out string? fout)
    {
        var netten = new List<IPNetwork>();
        foreach (var regel in regels)
        {
            if (!IPNetwork.TryParse(regel.Trim(), out var net))
            {
                fout = $"'{regel}' is geen netwerk in CIDR-notatie, zoals 127.0.0.1/32 of 10.20.0.0/16.";
                return null;
            }

            netten.Add(net);
        }

        fout = null;
        return netten;
    }
}
