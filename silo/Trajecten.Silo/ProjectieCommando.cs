using Npgsql;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Abstractions.Messages;
using Trajecten.Grains;
using Trajecten.Grains.Projecties;
using Trajecten.Postgres;

namespace Trajecten.Silo;

/// <summary>
/// <c>projecties status | herbouw [naam] | geparkeerd [naam] | herstel [naam]</c> against the database of
/// ConnectionStrings:Trajecten, while the cluster runs or not. A rebuild empties the projection's read model and sets its
/// checkpoints back to 0 with a new generation: the running silos notice at their next turn (at most
/// Projecties:Peilinterval) and rebuild it next to live traffic; a reader still busy with the old generation is refused
/// its checkpoint write, and a write of a row older than the stored one is ignored, so the rebuilt view ends equal to the
/// incremental one.
/// </summary>
public static class ProjectieCommando
{
    /// <summary><paramref name="actie"/>: status, herbouw, geparkeerd or herstel; <paramref name="naam"/>: one projection, or all.</summary>
    public static async Task<int> UitvoerenAsync(string actie, string? naam, string[] instellingen)
    {
        var configuration = Opdrachtregel.LeesConfiguratie(instellingen);
        var connectionString = configuration.GetConnectionString(TrajectenHost.ConnectionStringNaam);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfiguratieFout("projecties heeft ConnectionStrings:Trajecten nodig; in de in-memory-modus leven de projecties alleen in het silo-proces.");
        }

        PostgresOpslag.Voorbereiden(connectionString, configuration.GetConnectionString(TrajectenHost.MigratieConnectionStringNaam), TimeSpan.FromSeconds(10));
        await using var database = NpgsqlDataSource.Create(connectionString);
        var services = new ServiceCollection().AddSingleton<ICaseload>(new PostgresCaseload(database))
            .AddSingleton<IKengetallen>(new PostgresKengetallen(database)).AddTrajectenProjecties().BuildServiceProvider();
        var projecties = services.GetServices<IProjectie>().ToArray();
        var opslag = new PostgresProjectieOpslag(database);
        var gekozen = naam is null ? projecties : projecties.Where(p => p.Naam == naam).ToArray();
        if (gekozen.Length == 0)
        {
            throw new ConfiguratieFout($"Geen projectie '{naam}'; er zijn: {string.Join(", ", projecties.Select(p => p.Naam))}.");
        }

        switch (actie)
        {
            case "status":
                var standen = await opslag.AllesAsync();
                var geparkeerd = await opslag.GeparkeerdAsync();
                await using (var kop = database.CreateCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen"))
                {
                    Console.WriteLine($"log: laatste positie {(long)(await kop.ExecuteScalarAsync())!}");
                }

                foreach (var p in gekozen)
                {
                    var eigen = standen.Where(s => s.Projectie == p.Naam).ToArray();
                    Console.WriteLine($"{p.Naam,-22} checkpoints {(eigen.Length == 0 ? "0" : $"{eigen.Min(s => s.Positie)}–{eigen.Max(s => s.Positie)}")} over {eigen.Length}/{Partities.Aantal} partities, "
                        + $"generatie {(eigen.Length == 0 ? 0 : eigen.Max(s => s.Generatie))}, geparkeerd {geparkeerd.Count(g => g.Projectie == p.Naam)}");
                }

                return 0;
            case "herbouw":
                foreach (var p in gekozen)
                {
                    await opslag.HerbouwAsync(p.Naam, p.LeegAsync);
                    Console.WriteLine($"{p.Naam}: herbouw vanaf positie 0 gestart; de draaiende silo's nemen het op bij hun volgende beurt.");
                }

                return 0;
            case "geparkeerd":
                foreach (var g in (await opslag.GeparkeerdAsync()).Where(g => gekozen.Any(p => p.Naam == g.Projectie)))
                {
                    Console.WriteLine($"{g.Projectie} positie {g.Positie} partitie {g.Partitie} {g.ClientId} sinds {g.GeparkeerdOp:O}: {g.Fout}");
                }

                return 0;
            case "herstel":
                foreach (var p in gekozen)
                {
                    Console.WriteLine($"{p.Naam}: {await opslag.HerstelAsync(p.Naam)} geparkeerde feit(en) worden opnieuw aangeboden, in volgorde.");
                }

                return 0;
            default:
                throw new ConfiguratieFout("Gebruik: projecties status | herbouw [naam] | geparkeerd [naam] | herstel [naam].");
        }
    }
}
