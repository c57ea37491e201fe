using Npgsql;
using Trajecten.Grains.Privacy;
using Trajecten.Postgres;

namespace Trajecten.Silo;

/// <summary>
/// <c>sleutels status | herverpak</c> against the database of ConnectionStrings:Trajecten, while the cluster runs or not.
/// Rotating the master key: add the new key under a new id, make it Persoonsgegevens:ActieveHoofdsleutel (new data keys
/// are wrapped by it from then on), run <c>herverpak</c> (every live data key is unwrapped with its old master key and
/// wrapped with the new one; the data itself is not touched), and remove the old key from configuration once
/// <c>status</c> shows it wraps nothing. Only then are keys in old backups out of reach of anyone holding the new key.
/// </summary>
public static class SleutelCommando
{
    public static async Task<int> UitvoerenAsync(string actie, string[] instellingen)
    {
        var configuration = Opdrachtregel.LeesConfiguratie(instellingen);
        var connectionString = configuration.GetConnectionString(TrajectenHost.ConnectionStringNaam);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfiguratieFout("sleutels heeft ConnectionStrings:Trajecten nodig; in de in-memory-modus leven de sleutels alleen in het silo-proces.");
        }

        PostgresOpslag.Voorbereiden(connectionString, configuration.GetConnectionString(TrajectenHost.MigratieConnectionStringNaam), TimeSpan.FromSeconds(10));
        var hoofdsleutels = Hoofdsleutels.Maak(Instellingen.Instellingstabel.Lees<PersoonsgegevensOpties>(configuration), inMemory: false, out _);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var kluis = Kluis(database, hoofdsleutels);
        await kluis.ControleerAsync();
        if (actie == "herverpak")
        {
            var verplaatst = await kluis.HerverpakAsync();
            Console.WriteLine($"{verplaatst} sleutel(s) opnieuw ingepakt met hoofdsleutel '{hoofdsleutels.Actief}'.");
        }

        foreach (var (id, aantal) in (await kluis.Opslag.HoofdsleutelsInGebruikAsync()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"hoofdsleutel {id,-12} pakt {aantal} sleutel(s) in{(id == hoofdsleutels.Actief ? " (actief)" : "")}");
        }

        return 0;
    }

    /// <summary>The start-up check of the silo: a missing or different master key stops it with one sentence (a <see cref="ConfiguratieFout"/>).</summary>
    public static void Controleer(NpgsqlDataSource database, Hoofdsleutels hoofdsleutels, TimeSpan wachttijd)
    {
        using var stop = new CancellationTokenSource(wachttijd);
        Kluis(database, hoofdsleutels).ControleerAsync(stop.Token).GetAwaiter().GetResult();
    }

    private static Persoonsgegevens Kluis(NpgsqlDataSource database, Hoofdsleutels hoofdsleutels) =>
        new(new PostgresSleutelopslag(database), hoofdsleutels, new PersoonsgegevensOpties(), TimeProvider.System);
}
