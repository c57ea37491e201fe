using System.Security.Claims;
using Trajecten.Domain.Signalen;

namespace Trajecten.Api.Autorisatie;

/// <summary>The roles of the role × endpoint matrix (README, "Who may see what").</summary>
public static class Rollen
{
    public const string Klantmanager = "klantmanager";
    public const string Werkgeversadviseur = "werkgeversadviseur";
    public const string WmoConsulent = "wmo-consulent";
    public const string JeugdConsulent = "jeugd-consulent";
    public const string Schuldhulpverlener = "schuldhulpverlener";
    public const string Ketenpartner = "ketenpartner";
    public const string Management = "management";
    public const string Beheerder = "beheerder";
    /// <summary>The privacy officer, who answers a person's request for inzage (AVG art. 15).</summary>
    public const string Privacyfunctionaris = "privacyfunctionaris";

    public static readonly string[] Alle =
        [Klantmanager, Werkgeversadviseur, WmoConsulent, JeugdConsulent, Schuldhulpverlener, Ketenpartner, Management, Beheerder, Privacyfunctionaris];

    /// <summary>The domain whose signals a professional role posts and whose content it may read.</summary>
    public static SignaalDomein? Domein(string rol) => rol switch
    {
        WmoConsulent => SignaalDomein.Wmo,
        JeugdConsulent => SignaalDomein.Jeugd,
        Schuldhulpverlener => SignaalDomein.Schuldhulp,
        _ => null,
    };
}

/// <summary>The claims Trajecten reads from a token.</summary>
public static class Claims
{
    public const string Subject = "sub";
    public const string Rol = "rol";
    public const string Gemeente = "gemeente";
    /// <summary>The domain of a ketenpartner system (wmo, jeugd, schuldhulp).</summary>
    public const string Domein = "domein";
    /// <summary>Gemeente value for the regional scope: every gemeente of the region.</summary>
    public const string Regio = "regio";
}

/// <summary>Who is asking, in the terms of the rules: subject, roles, gemeente scope, signal domains.</summary>
public sealed record Gebruiker(string Subject, IReadOnlySet<string> Rollen, IReadOnlySet<string> Gemeenten, bool Regionaal, IReadOnlySet<SignaalDomein> Domeinen)
{
    public static Gebruiker Van(ClaimsPrincipal principal)
    {
        var rollen = principal.FindAll(Claims.Rol).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        // Exact: a gemeente claim names a gemeente as the region's configuration spells it, and only "regio" means all.
        var gemeenten = principal.FindAll(Claims.Gemeente).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var domeinen = rollen.Select(Autorisatie.Rollen.Domein).OfType<SignaalDomein>().ToHashSet();
        if (rollen.Contains(Autorisatie.Rollen.Ketenpartner))
        {
            foreach (var claim in principal.FindAll(Claims.Domein))
            {
                if (SignaalCodes.Domein.TryParse(claim.Value, out var domein))
                {
                    domeinen.Add(domein);
                }
            }
        }

        return new Gebruiker(
            principal.FindFirst(Claims.Subject)?.Value ?? throw new InvalidOperationException("Een aangemelde gebruiker zonder sub-claim."),
            rollen, gemeenten, gemeenten.Contains(Claims.Regio), domeinen);
    }

    public bool MagGemeente(string gemeente) => Regionaal || Gemeenten.Contains(gemeente);

    public bool HeeftRol(params string[] rollen) => rollen.Any(Rollen.Contains);

    /// <summary>Signal content is for the professionals of that domain only (data minimisation).</summary>
    public bool MagInhoudLezen(SignaalDomein domein) => Domeinen.Contains(domein) && !Rollen.Contains(Autorisatie.Rollen.Ketenpartner);
}
