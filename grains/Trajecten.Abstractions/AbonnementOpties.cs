using System.ComponentModel.DataAnnotations;

namespace Trajecten.Abstractions;

/// <summary>Section <c>Abonnementen</c>: webhook delivery.</summary>
public sealed class AbonnementOpties : IValidatableObject
{
    public const string Sectie = "Abonnementen";

    /// <summary>How often an active subscription looks for new facts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Peilinterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry wait; it doubles per consecutive failure up to <see cref="MaxWachttijd"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan BasisWachttijd { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan MaxWachttijd { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many consecutive failures the subscription is marked failing (API and metric).</summary>
    [Range(1, 1000)]
    public int FalendNa { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Internal networks (CIDR) a callback may reach after all: loopback for local development (<c>127.0.0.1/32</c>), an
    /// internal back office. Everything else internal is refused, at subscription and again at every connection.
    /// </summary>
    public string[] ToegestaneDoelen { get; set; } = [];

    /// <summary>
    /// The address back offices reach the API on (<c>https://trajecten.example.nl</c>), for the absolute links in
    /// notifications. Empty: the address a subscription was made through (scheme, host and path base of that request).
    /// Set it behind a reverse proxy, where the silo does not see the public name.
    /// </summary>
    public string? PubliekeBasisUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BasisWachttijd > MaxWachttijd)
        {
            yield return new($"{Sectie}:BasisWachttijd ({BasisWachttijd:c}) is langer dan {Sectie}:MaxWachttijd ({MaxWachttijd:c}).");
        }

        if (Domain.Webhooks.Doeladres.LeesToegestaan(ToegestaneDoelen, out var fout) is null)
        {
            yield return new($"{Sectie}:ToegestaneDoelen: {fout}");
        }

        if (BasisUrlFout(PubliekeBasisUrl) is { } basisUrlFout)
        {
            yield return new(basisUrlFout);
        }
    }

    /// <summary>Null when <paramref name="url"/> can be a public base URL, otherwise why not.</summary>
    public static string? BasisUrlFout(string? url) =>
        string.IsNullOrEmpty(url) ? null
        : !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            ? "Abonnementen:PubliekeBasisUrl is een absolute http(s)-URL zonder query, fragment of inloggegevens, zoals https://trajecten.example.nl."
            : null;
}

