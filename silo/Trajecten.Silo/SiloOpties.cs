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
}
