using System.ComponentModel.DataAnnotations;

namespace Trajecten.Api;

/// <summary>The version of the API contract, in one place: the header, the landing document and openapi.json agree with it.</summary>
public static class ApiVersie
{
    public const string Header = "API-Version";
    public const string Volledig = "1.0.0";
    public const string Basis = "/api/v1";
}

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOpties
{
    public const string Sectie = "Api";

    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How often an idle event stream sends a heartbeat comment, so proxies keep the connection open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StroomHartslag { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Event streams (SSE) one subject may hold open at once; one more is 429.</summary>
    [Range(1, 1000)]
    public int StromenPerGebruiker { get; set; } = 5;

    /// <summary>Event streams one silo serves at once, over all subjects; one more is 429.</summary>
    [Range(1, 100_000)]
    public int StromenPerSilo { get; set; } = 2000;

    /// <summary>The organisation's OIN (20 digits): the CloudEvents source is urn:nld:oin:{Oin}:systeem:trajecten.</summary>
    [RegularExpression(@"^\d{20}$", ErrorMessage = "is het OIN van de organisatie: 20 cijfers")]
    public string Oin { get; set; } = "00000000000000000000";
}

/// <summary>Section <c>Regio</c>: the gemeenten the regional organisation serves.</summary>
public sealed class RegioOpties : IValidatableObject
{
    public const string Sectie = "Regio";

    [MinLength(1)]
    public string[] Gemeenten { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Gemeenten.Any(string.IsNullOrWhiteSpace))
        {
            yield return new($"{Sectie}:Gemeenten bevat een lege naam.");
        }

        foreach (var dubbel in Gemeenten.GroupBy(g => g.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new($"{Sectie}:Gemeenten noemt {dubbel.Key} {dubbel.Count()} keer.");
        }
    }
}

/// <summary>Section <c>Pseudonimisering</c>: the secret that turns a BSN into a clientId.</summary>
public sealed class PseudonimiseringOpties
{
    public const string Sectie = "Pseudonimisering";

    /// <summary>Base64 of at least 32 random bytes. Changing it changes every clientId.</summary>
    public string? Sleutel { get; set; }
}
