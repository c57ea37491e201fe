using System.Globalization;
using Npgsql;

namespace Trajecten.Postgres.Tests;

/// <summary>The figures of the cluster come from the log's read model: right after a restart, and reported by one silo of two.</summary>
[Collection(PostgresCollection.Naam)]
public class KengetallenTests(PostgresFixture fixture)
{
    private static string Vandaag => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task After_a_kill_9_and_restart_every_figure_equals_the_log_and_is_reported_by_one_silo()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        var cluster = "kengetallen-" + Guid.NewGuid().ToString("N")[..6];
        var config = new Dictionary<string, string>(SiloProces.SnelleDetectie) { ["Kengetallen__Verversing"] = "00:00:01" };
        await using var een = await SiloProces.StartAsync(database, cluster, config);
        await using var twee = await SiloProces.StartAsync(database, cluster, config);

        // 13 aanmeldingen in two gemeenten, 9 intakes, 3 ended; written through both silos.
        var silos = new[] { een, twee };
        for (var i = 0; i < 13; i++)
        {
            var silo = silos[i % 2];
            var gemeente = i % 3 == 0 ? "Bergen" : "Alkmaar";
            var clientId = (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = Bsn(i), gemeente })).Json!["clientId"]!.ToString();
            var trajectId = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
            if (i < 9)
            {
                Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "i")).Status);
            }

            if (i < 3)
            {
                Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen",
                    new { soort = "beeindigd", datum = Vandaag, reden = "verhuisd" }, "b")).Status);
            }
        }

        // The silo that reports is killed; the other or the restarted one takes over, from the read model.
        var melder = (await MelderAsync(silos)).Silo;
        var (siloPoort, gatewayPoort) = (melder.SiloPoort, melder.GatewayPoort);
        await melder.KillAsync();
        var overlevende = melder == een ? twee : een;
        await using var opnieuw = await SiloProces.StartAsync(database, cluster, config, siloPoort, gatewayPoort);

        var verwacht = await UitHetLogAsync(database);
        Assert.Equal(13, verwacht.Where(v => v.Key.StartsWith("trajecten_aanmeldingen_total{", StringComparison.Ordinal)).Sum(v => v.Value));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var (_, gemeld) = await MelderAsync([overlevende, opnieuw]);
            var verschil = verwacht.Where(v => gemeld.GetValueOrDefault(v.Key) != v.Value).Select(v => $"{v.Key}: log {v.Value}, gemeld {gemeld.GetValueOrDefault(v.Key)}").ToArray();
            if (verschil.Length == 0)
            {
                // Nothing more than the log says either: every active-traject and counter series reported is in the log.
                static string Naam(string reeks) => reeks.Contains('{') ? reeks[..reeks.IndexOf('{')] : reeks;
                var namen = verwacht.Keys.Select(Naam).ToHashSet();
                Assert.All(gemeld.Where(g => namen.Contains(Naam(g.Key))),
                    g => Assert.True(verwacht.ContainsKey(g.Key), $"{g.Key} = {g.Value} staat niet in het log"));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "Na de herstart wijken de kengetallen af van het log: " + string.Join("; ", verschil));
            await Task.Delay(250);
        }
    }

    /// <summary>The one silo whose /metrics/kengetallen has samples (the other must have none), and its samples.</summary>
    private static async Task<(SiloProces Silo, Dictionary<string, double> Reeksen)> MelderAsync(IReadOnlyList<SiloProces> silos)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var antwoorden = new List<(SiloProces Silo, Dictionary<string, double> Reeksen)>();
            foreach (var silo in silos)
            {
                try
                {
                    antwoorden.Add((silo, Lees(await silo.Http.GetStringAsync("/metrics/kengetallen"))));
                }
                catch (HttpRequestException)
                {
                }
            }

            var melders = antwoorden.Where(a => a.Reeksen.Count > 0).ToArray();
            Assert.True(melders.Length <= 1, $"{melders.Length} silo's melden de kengetallen tegelijk");
            if (melders.Length == 1 && antwoorden.Count == silos.Count)
            {
                return melders[0];
            }

            Assert.True(DateTime.UtcNow < deadline, "Geen silo meldt de kengetallen.");
            await Task.Delay(250);
        }
    }

    private static Dictionary<string, double> Lees(string tekst) => tekst.Split('\n')
        .Where(r => r.Length > 0 && !r.StartsWith('#'))
        .Select(r => (Reeks: r[..r.LastIndexOf(' ')], Waarde: double.Parse(r[(r.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
        .ToDictionary(r => r.Reeks, r => r.Waarde);

    /// <summary>The same figures counted straight from the log table with SQL (no corrections or moves in this test).</summary>
    private static async Task<Dictionary<string, double>> UitHetLogAsync(string database)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        var uitkomst = new Dictionary<string, double>();
        async Task TelAsync(string sql)
        {
            await using var opdracht = new NpgsqlCommand(sql, verbinding);
            await using var rijen = await opdracht.ExecuteReaderAsync();
            while (await rijen.ReadAsync())
            {
                uitkomst[rijen.GetString(0)] = rijen.GetInt64(1);
            }
        }

        await TelAsync("""
            SELECT format('trajecten_aanmeldingen_total{gemeente="%s",soort="%s"}', gemeente, traject_soort), count(*)
              FROM trajecten_gebeurtenissen WHERE feit = 'traject-geopend' GROUP BY gemeente, traject_soort
            """);
        await TelAsync("""
            SELECT format('trajecten_mijlpalen_total{gemeente="%s",soort="%s"}', gemeente, soort), count(*)
              FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal' GROUP BY gemeente, soort
            """);
        await TelAsync("""
            SELECT format('trajecten_afgesloten_total{gemeente="%s",soort="%s",uitkomst="%s"}', gemeente, traject_soort,
                          CASE soort WHEN 'beeindigd' THEN 'beeindigd' ELSE 'uitstroom-' || (gegevens #>> '{details,uitstroomReden}') END), count(*)
              FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal' AND soort IN ('uitstroom', 'beeindigd') GROUP BY 1
            """);
        await TelAsync("""
            WITH laatste AS (
                SELECT DISTINCT ON (stroom_id) stroom_id, gemeente, traject_soort, coalesce(soort, 'aangemeld') AS fase
                  FROM trajecten_gebeurtenissen WHERE feit IN ('traject-geopend', 'mijlpaal') ORDER BY stroom_id, positie DESC)
            SELECT format('trajecten_trajecten_actief{gemeente="%s",fase="%s",soort="%s",doelgroep="onbepaald"}', gemeente, fase, traject_soort), count(*)
              FROM laatste WHERE fase NOT IN ('uitstroom', 'beeindigd') GROUP BY 1
            """);
        return uitkomst;
    }

    private static string Bsn(int i)
    {
        // 9 digits passing the elfproef, distinct per i.
        for (var n = 300_000_000 + i * 1000; ; n++)
        {
            var cijfers = n.ToString(CultureInfo.InvariantCulture);
            var som = 0;
            for (var j = 0; j < 8; j++)
            {
                som += (9 - j) * (cijfers[j] - '0');
            }

            if ((som - (cijfers[8] - '0')) % 11 == 0)
            {
                return cijfers;
            }
        }
    }
}
