using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Trajecten.Silo;

/// <summary>Section <c>Silo</c>: how this silo joins its cluster.</summary>
public sealed class SiloOpties : IValidatableObject
{
    public const string Sectie = "Silo";

    [Required] public string ClusterId { get; set; } = "trajecten";
    [Required] public string ServiceId { get; set; } = "trajecten";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo on (PostgreSQL mode).</summary>
    [Required] public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// The Orleans Dashboard at /dashboard/ (beheerder only). Off by default: it profiles every grain call, and the
    /// benchmark measures what that costs (see tests/Trajecten.Belasting/RESULTATEN.md).
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>
    /// Running as a pod (PostgreSQL mode): the silo takes its name, address and cluster from the pod (Orleans' Kubernetes
    /// hosting: POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID) instead of ClusterId, ServiceId
    /// and AdvertisedIp, and declares silos whose pod is gone dead at once instead of waiting for missed probes.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>How long start-up waits for the database before giving up with a clear message.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DatabaseWachttijd { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedIp, out var adres) || adres.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            yield return new($"{Sectie}:AdvertisedIp '{AdvertisedIp}' is geen IPv4-adres, zoals 10.0.0.12.");
        }

        if (SiloPort == GatewayPort)
        {
            yield return new($"{Sectie}:SiloPort en {Sectie}:GatewayPort zijn allebei {SiloPort}; silo en gateway hebben elk een eigen poort.");
        }
    }
}
