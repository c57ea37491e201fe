namespace Trajecten.Abstractions;

/// <summary>Section <c>Abonnementen</c>: webhook delivery.</summary>
public sealed class AbonnementOpties
{
    public const string Sectie = "Abonnementen";

    /// <summary>How often an active subscription looks for new facts.</summary>
    public TimeSpan Peilinterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry wait; it doubles per consecutive failure up to <see cref="MaxWachttijd"/>.</summary>
    public TimeSpan BasisWachttijd { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxWachttijd { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many consecutive failures the subscription is marked failing (API and metric).</summary>
    public int FalendNa { get; set; } = 5;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Internal networks (CIDR) a callback may reach after all: loopback for local development (<c>127.0.0.1/32</c>), an
    /// internal back office. Everything else internal is refused, at subscription and again at every connection.
    /// </summary>
    public string[] ToegestaneDoelen { get; set; } = [];
}

