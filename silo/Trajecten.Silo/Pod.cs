namespace Trajecten.Silo;

/// <summary>What Orleans' Kubernetes hosting reads from the pod (the downward API), checked before the silo starts.</summary>
internal static class Pod
{
    public static readonly string[] Variabelen = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"];

    public static void Controleer()
    {
        var ontbrekend = Variabelen.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (ontbrekend.Count > 0)
        {
            throw new ConfiguratieFout(
                $"Silo:Kubernetes staat aan, maar de pod geeft {string.Join(", ", ontbrekend)} niet mee; zet ze met de downward API (zie deploy/kubernetes).");
        }
    }
}
