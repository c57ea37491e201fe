using System.Security.Cryptography;
using System.Text;
using Trajecten.Api.Autorisatie;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Silo;

internal static class Authenticatie
{
    /// <summary>
    /// The development key, or null when an OIDC authority validates tokens. The development key is refused
    /// next to an authority; without either, only the in-memory mode falls back to a fixed development key.
    /// </summary>
    public static byte[]? OntwikkelSleutel(AuthenticatieOpties opties, bool inMemory, out bool vasteSleutel)
    {
        vasteSleutel = false;
        var authority = !string.IsNullOrWhiteSpace(opties.Authority);
        var sleutel = !string.IsNullOrWhiteSpace(opties.OntwikkelSleutel);
        if (authority && sleutel)
        {
            throw new ConfiguratieFout("Authenticatie:OntwikkelSleutel is niet toegestaan naast Authenticatie:Authority; haal de ontwikkelsleutel weg.");
        }

        if (authority)
        {
            return null;
        }

        if (!sleutel)
        {
            if (!inMemory)
            {
                throw new ConfiguratieFout("Zet Authenticatie:Authority (OIDC) of, voor ontwikkeling, Authenticatie:OntwikkelSleutel (base64, ≥ 32 bytes).");
            }

            vasteSleutel = true;
            return SHA256.HashData(Encoding.UTF8.GetBytes("trajecten-ontwikkel-tokensleutel-niet-voor-productie"));
        }

        try
        {
            var bytes = Convert.FromBase64String(opties.OntwikkelSleutel!);
            return bytes.Length >= ClientPseudoniem.MinimaleSleutelLengte
                ? bytes
                : throw new ConfiguratieFout($"Authenticatie:OntwikkelSleutel is {bytes.Length} bytes; minstens 32 zijn nodig.");
        }
        catch (FormatException)
        {
            throw new ConfiguratieFout("Authenticatie:OntwikkelSleutel is geen geldige base64.");
        }
    }

    /// <summary>With an OIDC authority, a beheerder signs in to the dashboard through a client of that authority.</summary>
    public static void ControleerBeheerAanmelding(AuthenticatieOpties opties)
    {
        if (!string.IsNullOrWhiteSpace(opties.Authority) && string.IsNullOrWhiteSpace(opties.BeheerClientId))
        {
            throw new ConfiguratieFout("Silo:Dashboard staat aan met Authenticatie:Authority: zet Authenticatie:BeheerClientId (de OIDC-client waarmee een beheerder zich in de browser aanmeldt).");
        }
    }

    /// <summary>
    /// The <c>token</c> command: prints a development token.
    /// <c>token --sub anja --rol klantmanager [--rol …] --gemeente Alkmaar [--gemeente regio] [--domein schuldhulp] [--uren 8]</c>
    /// </summary>
    public static int Token(string sub, IReadOnlyList<string> rollen, IReadOnlyList<string> gemeenten, string? domein, double uren, IConfiguration configuration)
    {
        var onbekend = rollen.Except(Rollen.Alle).ToArray();
        if (onbekend.Length > 0)
        {
            throw new ConfiguratieFout($"Onbekende rol {string.Join(", ", onbekend)}; rollen: {string.Join(", ", Rollen.Alle)}.");
        }

        var opties = Instellingen.Instellingstabel.Lees<AuthenticatieOpties>(configuration);
        var inMemory = string.IsNullOrWhiteSpace(configuration.GetConnectionString(TrajectenHost.ConnectionStringNaam));
        var sleutel = OntwikkelSleutel(opties, inMemory, out _)
            ?? throw new ConfiguratieFout("Met Authenticatie:Authority geeft de OIDC-provider de tokens uit, niet dit commando.");
        Console.WriteLine(TokenUitgifte.Maak(sleutel, opties.Audience, sub, rollen, gemeenten, domein, TimeSpan.FromHours(uren), DateTimeOffset.UtcNow));
        return 0;
    }
}
