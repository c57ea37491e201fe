using Trajecten.Proefopstelling;
using Trajecten.TestHulp;

namespace Trajecten.Belasting;

/// <summary>A registered test client: its pseudonym, its (test) BSN, its traject if it got one, its index.</summary>
public sealed record Klant(int Index, string ClientId, string Bsn, string? TrajectId);

/// <summary>Fills a system through its API before a run: clients in the region's gemeenten, some with a traject.</summary>
public static class Zaaien
{
    public static string[] Gemeenten => [.. RegioSimulator.Gemeenten.Select(g => g.Gemeente)];

    /// <summary>How many klantmanagers the seeded clients are shared over (client i belongs to km-(i mod this)).</summary>
    public const int Klantmanagers = 200;

    private static readonly string[] Voornamen = ["Sanne", "Mohamed", "Anouk", "Jeroen", "Fatima", "Daan", "Özlem", "José", "Lotte", "Bram", "Ilse", "Kemal"];
    private static readonly string[] Achternamen = ["Jansen", "de Vries", "Bakker", "Yılmaz", "Visser", "Smit", "Meijer", "El Amrani", "de Boer", "Mulder", "Dekker", "Öztürk"];

    /// <summary>A name for client i (deterministic, so a run can search for it).</summary>
    public static string Naam(int i) => $"{Voornamen[i % Voornamen.Length]} {Achternamen[i / Voornamen.Length % Achternamen.Length]} {i}";

    /// <summary>
    /// Registers <paramref name="aantal"/> clients, <paramref name="parallel"/> at a time, client i through
    /// <c>silos(i)</c>; the first <paramref name="metTraject"/> get a re-integratie traject. <paramref name="daarna"/>
    /// runs per client after that (e.g. a first read of its klantbeeld). Any answer but 2xx stops the run.
    /// </summary>
    public static async Task<Klant[]> KlantenAsync(Func<int, SiloProces> silos, int aantal, int metTraject, int bsnStart, int parallel,
        Func<Klant, Task>? daarna = null)
    {
        var gemeenten = Gemeenten;
        var bsns = new BsnReeks(bsnStart);
        var klanten = new Klant[aantal];
        var teller = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref teller)) < aantal)
            {
                string bsn;
                lock (bsns)
                {
                    bsn = bsns.Volgende().Waarde;
                }

                var silo = silos(i);
                var clientId = (await VerplichtAsync(silo, HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = gemeenten[i % gemeenten.Length], naam = Naam(i), klantmanager = $"km-{i % Klantmanagers}" }))["clientId"]!.ToString();
                var trajectId = i < metTraject
                    ? (await VerplichtAsync(silo, HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!.ToString()
                    : null;
                klanten[i] = new Klant(i, clientId, bsn, trajectId);
                if (daarna is not null)
                {
                    await daarna(klanten[i]);
                }
            }
        }));
        return klanten;
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> VerplichtAsync(SiloProces silo, HttpMethod methode, string pad, object? body = null)
    {
        var (status, json) = await silo.StuurAsync(methode, pad, body);
        return status is >= 200 and < 300 ? json! : throw new InvalidOperationException($"{methode} {pad} gaf {status}: {json}");
    }
}
