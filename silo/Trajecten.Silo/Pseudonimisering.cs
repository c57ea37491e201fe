using System.Security.Cryptography;
using System.Text;
using Trajecten.Api;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Silo;

internal static class Pseudonimisering
{
    /// <summary>
    /// The key from <c>Pseudonimisering:Sleutel</c>; without one, a fixed development key, which only the
    /// in-memory mode accepts (its clientIds are predictable, which is fine for data that dies with the process).
    /// </summary>
    public static ClientPseudoniem Maak(IConfiguration configuration, bool inMemory, out bool ontwikkelsleutel)
    {
        var tekst = Instellingen.Instellingstabel.Lees<PseudonimiseringOpties>(configuration).Sleutel;
        ontwikkelsleutel = string.IsNullOrWhiteSpace(tekst);
        if (ontwikkelsleutel)
        {
            if (!inMemory)
            {
                throw new ConfiguratieFout(
                    "Pseudonimisering:Sleutel ontbreekt; zet minstens 32 willekeurige bytes in base64 (bijv. `openssl rand -base64 32`).");
            }

            return new ClientPseudoniem(SHA256.HashData(Encoding.UTF8.GetBytes("trajecten-ontwikkelsleutel-niet-voor-productie")));
        }

        byte[] sleutel;
        try
        {
            sleutel = Convert.FromBase64String(tekst!);
        }
        catch (FormatException)
        {
            throw new ConfiguratieFout("Pseudonimisering:Sleutel is geen geldige base64.");
        }

        if (sleutel.Length < ClientPseudoniem.MinimaleSleutelLengte)
        {
            throw new ConfiguratieFout($"Pseudonimisering:Sleutel is {sleutel.Length} bytes; minstens {ClientPseudoniem.MinimaleSleutelLengte} zijn nodig.");
        }

        return new ClientPseudoniem(sleutel);
    }
}
