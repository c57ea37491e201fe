using System.Text;
using Npgsql;

namespace Trajecten.Postgres.Tests;

/// <summary>
/// Crypto-shredding against PostgreSQL: before, a person's values are in the database only where the caseload searches by
/// them (the log and the grain state hold them sealed); after the destruction a search of every row of every table — as
/// text and as the bytes of bytea columns — finds none of them, while the other client and the pseudonymous facts stay.
/// </summary>
[Collection(PostgresCollection.Naam)]
public class VernietigingTests(PostgresFixture fixture)
{
    private static string Dag(int terug) => DateTime.UtcNow.AddDays(-terug).ToString("yyyy-MM-dd");

    [Fact]
    public async Task After_destruction_no_row_of_any_table_holds_a_personal_value_of_the_person()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        await using var silo = await SiloProces.StartAsync(database, "vernietiging-" + Guid.NewGuid().ToString("N")[..6]);
        await using var bron = NpgsqlDataSource.Create(database);
        const string bsn = "900000004", naam = "Zwaantje Vernietigbaar", email = "zwaantje@voorbeeld.nl", reden = "Loonwaarde-fout-Zwaantje",
            inhoud = "Achterstand-Zwaantje-huur", geboortedatum = "1966-06-16";
        Assert.True(Domain.Identificatie.Bsn.TryParse(bsn, out _, out _));

        var (status, client) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new
        {
            bsn, gemeente = "Heiloo", naam, geboortedatum, contact = new { email },
        });
        Assert.Equal(201, status);
        var clientId = client!["clientId"]!.ToString();
        var trajectId = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
        Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(9) }, "i")).Status);
        var diagnose = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Dag(5), loonwaarde = 40 }, "d")).Json!["mijlpaalId"]!.ToString();
        Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen/{diagnose}/correcties", new { reden, details = new { loonwaarde = 45 } }, "c")).Status);
        Assert.Equal(202, (await silo.StuurAsync(HttpMethod.Post, "/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Dag(2), bron = new { organisatie = "Kredietbank" }, contactpersoon = new { naam = "E. Bron" }, inhoud,
        }, "s")).Status);
        var ander = (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "900000016", gemeente = "Heiloo", naam = "Blijft Bestaan" })).Json!["clientId"]!.ToString();
        await WachtAsync(async () => (await silo.StuurAsync(HttpMethod.Get, "/api/v1/clienten?gemeente=Heiloo&zoek=Zwaantje")).Json!["clienten"]!.AsArray().Count == 1);
        var mijlpalenVoor = await TelAsync(bron, "SELECT count(*) FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal'");
        var kengetallen = $"SELECT (SELECT count(*) FROM trajecten_kengetallen_clienten WHERE client_id = '{clientId}') + (SELECT count(*) FROM trajecten_kengetallen_trajecten WHERE client_id = '{clientId}') + (SELECT count(*) FROM trajecten_kengetallen_signalen WHERE client_id = '{clientId}')";
        await WachtAsync(async () => await TelAsync(bron, kengetallen) == 3);

        // Before: the name is in the caseload (searched and sorted in SQL) and nowhere else in clear.
        var voor = await WaarAsync(bron, naam);
        Assert.Equal(["trajecten_caseload_clienten"], voor);
        foreach (var waarde in new[] { bsn, email, reden, inhoud })
        {
            Assert.Empty(await WaarAsync(bron, waarde));
        }

        var verzoek = await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/vernietiging", new { grondslag = "verzoek-betrokkene" });
        Assert.Equal(202, verzoek.Status);
        var bevestigd = await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/vernietiging/bevestiging",
            new { bevestigingscode = verzoek.Json!["bevestigingscode"]!.ToString() });
        Assert.True(bevestigd.Status == 200, $"{bevestigd.Status}: {bevestigd.Json}\n" + string.Join("\n", silo.Uitvoer.Where(r => r.Contains("Exception", StringComparison.Ordinal)).Take(12)));
        await WachtAsync(async () => (await silo.StuurAsync(HttpMethod.Get, "/api/v1/clienten?gemeente=Heiloo&zoek=Zwaantje")).Json!["clienten"]!.AsArray().Count == 0);

        foreach (var waarde in new[] { bsn, naam, email, reden, inhoud, geboortedatum })
        {
            Assert.Empty(await WaarAsync(bron, waarde));
        }

        // The figures keep the person's rows (codes and dates), frozen: the running traject ended, and a rebuild keeps them.
        await WachtAsync(async () => await TelAsync(bron, $"SELECT count(*) FROM trajecten_kengetallen_trajecten WHERE client_id = '{clientId}' AND uitkomst = 'vernietigd'") == 1);
        Assert.Equal(3, await TelAsync(bron, kengetallen));
        var cijfers = $"SELECT count(*) FROM trajecten_kengetallen_trajecten WHERE uitkomst IS NULL OR uitkomst = 'vernietigd'";
        var voorHerbouw = await TelAsync(bron, cijfers);
        Assert.Equal(0, await Trajecten.Silo.Opdrachtregel.VoerUitAsync(["projecties", "herbouw", $"--ConnectionStrings:Trajecten={database}"]));
        await WachtAsync(async () => await TelAsync(bron, cijfers) == voorHerbouw && await TelAsync(bron, kengetallen) == 3);
        Assert.Equal(0, await TelAsync(bron, $"SELECT count(*) FROM trajecten_projectie_geparkeerd WHERE client_id = '{clientId}'"));
        Assert.Equal(410, (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}")).Status);
        Assert.Equal("Blijft Bestaan", (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{ander}")).Json!["naam"]!.ToString());
        Assert.Equal(mijlpalenVoor, await TelAsync(bron, "SELECT count(*) FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal'"));
        Assert.Equal(1, await TelAsync(bron, $"SELECT count(*) FROM trajecten_vernietigingen WHERE client_id = '{clientId}' AND grondslag = 'verzoek-betrokkene'"));
        Assert.Equal(2, await TelAsync(bron, $"SELECT count(*) FROM trajecten_sleutels WHERE client_id = '{clientId}' AND ingepakt IS NULL"));
    }

    /// <summary>The tables where <paramref name="waarde"/> occurs in a row: as text, or as the hexadecimal bytes a bytea column shows.</summary>
    private static async Task<List<string>> WaarAsync(NpgsqlDataSource bron, string waarde)
    {
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(waarde));
        var tabellen = new List<string>();
        await using (var lijst = bron.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
        await using (var rijen = await lijst.ExecuteReaderAsync())
        {
            while (await rijen.ReadAsync())
            {
                tabellen.Add(rijen.GetString(0));
            }
        }

        var gevonden = new List<string>();
        foreach (var tabel in tabellen)
        {
            await using var zoek = bron.CreateCommand($"SELECT count(*) FROM \"{tabel}\" t WHERE strpos(t::text, $1) > 0 OR strpos(lower(t::text), $2) > 0");
            zoek.Parameters.Add(new NpgsqlParameter { Value = waarde });
            zoek.Parameters.Add(new NpgsqlParameter { Value = hex });
            if ((long)(await zoek.ExecuteScalarAsync())! > 0)
            {
                gevonden.Add(tabel);
            }
        }

        return gevonden;
    }

    private static async Task<long> TelAsync(NpgsqlDataSource bron, string sql)
    {
        await using var opdracht = bron.CreateCommand(sql);
        return (long)(await opdracht.ExecuteScalarAsync())!;
    }

    private static async Task WachtAsync(Func<Task<bool>> voorwaarde)
    {
        var tot = DateTime.UtcNow.AddSeconds(30);
        while (!await voorwaarde())
        {
            Assert.True(DateTime.UtcNow < tot, "niet binnen 30 s");
            await Task.Delay(50);
        }
    }
}
