namespace Trajecten.Api.Autorisatie;

/// <summary>Section <c>Authenticatie</c>: an OIDC authority in production, or the development key.</summary>
public sealed class AuthenticatieOpties
{
    public const string Sectie = "Authenticatie";
    public const string OntwikkelUitgever = "trajecten-ontwikkeling";

    /// <summary>The OIDC authority (issuer URL). When set, the development key is refused.</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "trajecten-api";

    /// <summary>Base64 of ≥ 32 bytes: HS256 key for development tokens (the <c>token</c> command).</summary>
    public string? OntwikkelSleutel { get; set; }

    /// <summary>Requests per subject per minute before 429.</summary>
    public int VerzoekenPerMinuut { get; set; } = 600;

    /// <summary>
    /// Requests with a token that fails validation, per client IP address per minute, before 429: guessing or replaying
    /// tokens is slowed down without touching anyone who has a valid one.
    /// </summary>
    public int MislukteAanmeldingenPerMinuut { get; set; } = 30;

    /// <summary>Origins allowed to call the API from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Serve /metrics without a token (only behind a network boundary).</summary>
    public bool MetricsOpen { get; set; }
}

/// <summary>The authorisation policies, one per row group of the matrix.</summary>
public static class Beleid
{
    public const string Personen = "personen";
    /// <summary>A traject and one of its milestones: the klantmanager, and a back office calling back what its notification points to.</summary>
    public const string TrajectLezen = "traject-lezen";
    /// <summary>Find a client by BSN: the klantmanager, and a back office linking its own record (stating its purpose).</summary>
    public const string ClientZoeken = "client-zoeken";
    public const string Klantbeeld = "klantbeeld";
    public const string WerkgeversBeheren = "werkgevers-beheren";
    public const string WerkgeversLezen = "werkgevers-lezen";
    public const string Signalen = "signalen";
    public const string Beheer = "beheer";
    public const string Gebeurtenissen = "gebeurtenissen";
    public const string Metrics = "metrics";
    public const string Kengetallen = "kengetallen";

    public static readonly IReadOnlyDictionary<string, string[]> RollenPerBeleid = new Dictionary<string, string[]>
    {
        [Personen] = [Rollen.Klantmanager],
        [TrajectLezen] = [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Beheerder],
        [ClientZoeken] = [Rollen.Klantmanager, Rollen.Ketenpartner],
        [Klantbeeld] = [Rollen.Klantmanager, Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener],
        [WerkgeversBeheren] = [Rollen.Werkgeversadviseur],
        [WerkgeversLezen] = [Rollen.Werkgeversadviseur, Rollen.Klantmanager],
        [Signalen] = [Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener, Rollen.Ketenpartner],
        [Beheer] = [Rollen.Beheerder],
        [Gebeurtenissen] = [Rollen.Ketenpartner, Rollen.Beheerder],
        [Metrics] = [Rollen.Management, Rollen.Beheerder],
        [Kengetallen] = [Rollen.Management],
    };
}
