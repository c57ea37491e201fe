using System.ComponentModel.DataAnnotations;

namespace Trajecten.Api.Autorisatie;

/// <summary>Section <c>Authenticatie</c>: an OIDC authority in production, or the development key.</summary>
public sealed class AuthenticatieOpties : IValidatableObject
{
    public const string Sectie = "Authenticatie";
    public const string OntwikkelUitgever = "trajecten-ontwikkeling";

    /// <summary>The OIDC authority (issuer URL). When set, the development key is refused.</summary>
    public string? Authority { get; set; }

    [Required]
    public string Audience { get; set; } = "trajecten-api";

    /// <summary>Base64 of ≥ 32 bytes: HS256 key for development tokens (the <c>token</c> command).</summary>
    public string? OntwikkelSleutel { get; set; }

    /// <summary>Requests per subject per minute before 429.</summary>
    [Range(1, int.MaxValue)]
    public int VerzoekenPerMinuut { get; set; } = 600;

    /// <summary>
    /// Requests with a token that fails validation, per client IP address per minute, before 429: guessing or replaying
    /// tokens is slowed down without touching anyone who has a valid one.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MislukteAanmeldingenPerMinuut { get; set; } = 30;

    /// <summary>Origins allowed to call the API from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// The OIDC client a beheerder signs in to the Orleans Dashboard with (code flow with PKCE), registered at the
    /// authority with redirect URI <c>https://&lt;host&gt;/beheer/signin-oidc</c>. Needed when the dashboard is on.
    /// </summary>
    public string? BeheerClientId { get; set; }

    /// <summary>The secret of <see cref="BeheerClientId"/>, for a confidential client (leave empty for a public one).</summary>
    public string? BeheerClientSecret { get; set; }

    /// <summary>Serve /metrics without a token (only behind a network boundary).</summary>
    public bool MetricsOpen { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Authority))
        {
            if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                yield return new($"{Sectie}:Authority '{Authority}' is geen absolute URL van de OIDC-provider, zoals https://login.example.nl/realms/trajecten.");
            }
            else if (authority is { Scheme: "http", IsLoopback: false })
            {
                // Tokens and their signing keys are fetched from there: only over TLS, except from a provider on this machine.
                yield return new($"{Sectie}:Authority '{Authority}' gebruikt http; een OIDC-provider wordt via https bereikt (http alleen op localhost, voor ontwikkeling).");
            }
        }

        if (!string.IsNullOrWhiteSpace(BeheerClientId) && string.IsNullOrWhiteSpace(Authority))
        {
            yield return new($"{Sectie}:BeheerClientId is een client van de OIDC-provider en hoort bij {Sectie}:Authority; zonder provider meldt een beheerder zich aan met een ontwikkeltoken.");
        }

        if (!string.IsNullOrWhiteSpace(BeheerClientSecret) && string.IsNullOrWhiteSpace(BeheerClientId))
        {
            yield return new($"{Sectie}:BeheerClientSecret hoort bij {Sectie}:BeheerClientId, dat ontbreekt.");
        }

        foreach (var origin in CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                yield return new($"{Sectie}:CorsOrigins '{origin}' is geen origin (schema, host en eventueel poort, zonder pad), zoals https://klantportaal.example.nl.");
            }
        }
    }
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
    /// <summary>The Orleans Dashboard: the beheerder, with a bearer token or signed in through a browser (<see cref="BeheerAanmelding"/>).</summary>
    public const string Dashboard = "dashboard";
    public const string Gebeurtenissen = "gebeurtenissen";
    public const string Metrics = "metrics";
    public const string Kengetallen = "kengetallen";
    /// <summary>A person's rights (AVG): the inzage and the restriction of processing, by the privacy officer.</summary>
    public const string Privacy = "privacy";
    /// <summary>Correcting or withdrawing a milestone: the klantmanager, and the privacy officer (AVG art. 16).</summary>
    public const string Correcties = "correcties";

    public static readonly IReadOnlyDictionary<string, string[]> RollenPerBeleid = new Dictionary<string, string[]>
    {
        [Personen] = [Rollen.Klantmanager],
        [TrajectLezen] = [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Beheerder],
        [ClientZoeken] = [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Privacyfunctionaris],
        [Klantbeeld] = [Rollen.Klantmanager, Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener],
        [WerkgeversBeheren] = [Rollen.Werkgeversadviseur],
        [WerkgeversLezen] = [Rollen.Werkgeversadviseur, Rollen.Klantmanager],
        [Signalen] = [Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener, Rollen.Ketenpartner],
        [Beheer] = [Rollen.Beheerder],
        [Gebeurtenissen] = [Rollen.Ketenpartner, Rollen.Beheerder],
        [Metrics] = [Rollen.Management, Rollen.Beheerder],
        [Kengetallen] = [Rollen.Management],
        [Privacy] = [Rollen.Privacyfunctionaris],
        [Correcties] = [Rollen.Klantmanager, Rollen.Privacyfunctionaris],
    };
}
