using System.ComponentModel.DataAnnotations;

namespace Trajecten.Silo;

/// <summary>Section <c>Silo</c>: how this silo joins its cluster.</summary>
public sealed class SiloOpties
{
    public const string Sectie = "Silo";

    [Required] public string ClusterId { get; set; } = "trajecten";
    [Required] public string ServiceId { get; set; } = "trajecten";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on (PostgreSQL mode).</summary>
    [Required, RegularExpression(@"^\d{1,3}(\.\d{1,3}){3}$")] public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// The Orleans Dashboard at /dashboard/ (beheerder only). It profiles every grain call; the benchmark
    /// measures what that costs (see tests/Trajecten.Belasting/RESULTATEN.md).
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>How long start-up waits for the database before giving up with a clear message.</summary>
    public TimeSpan DatabaseWachttijd { get; set; } = TimeSpan.FromSeconds(10);
}
