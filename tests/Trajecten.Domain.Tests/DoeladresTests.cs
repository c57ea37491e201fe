using System.Net;
using Trajecten.Domain.Webhooks;

namespace Trajecten.Domain.Tests;

/// <summary>Which addresses a webhook may reach: nothing internal unless the allow-list names it.</summary>
public class DoeladresTests
{
    [Theory]
    [InlineData("169.254.169.254")]      // cloud metadata
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]           // shared address space (carrier-grade NAT)
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::1")]              // unique local
    [InlineData("fe80::1")]              // link-local
    [InlineData("::ffff:127.0.0.1")]     // IPv4-mapped
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::10.0.0.1")]           // IPv4-compatible
    [InlineData("64:ff9b::a00:1")]       // NAT64 of 10.0.0.1
    public void Internal_addresses_are_refused_without_an_allow_list(string adres)
    {
        Assert.True(Doeladres.IsIntern(IPAddress.Parse(adres)));
        Assert.False(Doeladres.MagVerbinden(IPAddress.Parse(adres), []));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("145.21.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]     // NAT64 of 8.8.8.8
    public void Public_addresses_are_allowed(string adres) =>
        Assert.True(Doeladres.MagVerbinden(IPAddress.Parse(adres), []));

    [Fact]
    public void The_allow_list_opens_exactly_the_networks_it_names()
    {
        var toegestaan = Doeladres.LeesToegestaan(["127.0.0.1/32", " 10.20.0.0/16 "], out var fout)!;
        Assert.Null(fout);
        Assert.True(Doeladres.MagVerbinden(IPAddress.Parse("127.0.0.1"), toegestaan));
        Assert.True(Doeladres.MagVerbinden(IPAddress.Parse("::ffff:127.0.0.1"), toegestaan));
        Assert.True(Doeladres.MagVerbinden(IPAddress.Parse("10.20.3.4"), toegestaan));
        Assert.False(Doeladres.MagVerbinden(IPAddress.Parse("127.0.0.2"), toegestaan));
        Assert.False(Doeladres.MagVerbinden(IPAddress.Parse("10.21.0.1"), toegestaan));
        Assert.False(Doeladres.MagVerbinden(IPAddress.Parse("::1"), toegestaan));
        Assert.False(Doeladres.MagVerbinden(IPAddress.Parse("169.254.169.254"), toegestaan));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.0/33")]
    public void An_allow_list_entry_that_is_not_a_network_is_named(string regel)
    {
        Assert.Null(Doeladres.LeesToegestaan([regel], out var fout));
        Assert.Contains(regel, fout);
    }
}
