using Npgsql;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Silo;
using Trajecten.Postgres;

namespace Trajecten.Postgres.Tests;

/// <summary>The read tables in PostgreSQL: exactly what a rebuild from position 0 makes, also after a kill -9 during writes.</summary>
[Collection(PostgresCollection.Naam)]
public class LeesmodelTests(PostgresFixture fixture)
{
    private static string Dag(int terug) => DateTime.UtcNow.AddDays(-terug).ToString("yyyy-MM-dd");

    [Fact]
    public async Task After_kill_9_during_writes_every_read_table_equals_a_rebuild_from_position_0()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        var cluster = "leesmodel-" + Guid.NewGuid().ToString("N")[..6];
        var silo = await SiloProces.StartAsync(database, cluster);
        try
        {
            const int aantal = 30;
            var clienten = new string[aantal];
            var trajecten = new string[aantal];
            for (var i = 0; i < aantal; i++)
            {
                var bsn = Bsn(i);
                var (status, json) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = i % 2 == 0 ? "Heiloo" : "Bergen", naam = $"Kill {i}" });
                Assert.Equal(201, status);
                clienten[i] = json!["clientId"]!.ToString();
                trajecten[i] = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clienten[i]}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
            }

            // Every traject walks four milestones, each retried with its own key until answered; silo 1 dies half-way.
            var stappen = new object[]
            {
                new { soort = "intake", datum = Dag(40) }, new { soort = "diagnose", datum = Dag(30), loonwaarde = 50 },
                new { soort = "plan", datum = Dag(20), instrumenten = new[] { "scholing" } }, new { soort = "leerwerkbedrijf", datum = Dag(10), locatie = "Noord" },
            };
            var huidig = silo;
            var geschreven = 0;
            var schrijvers = Enumerable.Range(0, aantal).Select(i => Task.Run(async () =>
            {
                for (var s = 0; s < stappen.Length; s++)
                {
                    while (true)
                    {
                        try
                        {
                            var (status, _) = await Volatile.Read(ref huidig).StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajecten[i]}/mijlpalen", stappen[s], $"k{s}");
                            if (status is 200 or 201)
                            {
                                Interlocked.Increment(ref geschreven);
                                break;
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                        {
                        }

                        await Task.Delay(50);
                    }
                }
            })).ToArray();

            while (Volatile.Read(ref geschreven) < aantal * stappen.Length / 2)
            {
                await Task.Delay(10);
            }

            var (siloPoort, gatewayPoort) = (silo.SiloPoort, silo.GatewayPoort);
            await silo.KillAsync();
            var opnieuw = await SiloProces.StartAsync(database, cluster, siloPoort: siloPoort, gatewayPoort: gatewayPoort);
            Volatile.Write(ref huidig, opnieuw);
            await silo.DisposeAsync();
            silo = opnieuw;
            await Task.WhenAll(schrijvers).WaitAsync(TimeSpan.FromSeconds(120));

            await using var bron = NpgsqlDataSource.Create(database);
            await WachtTotBijAsync(bron);
            var incrementeel = await LeesTabellenAsync(bron);
            Assert.Equal(aantal, incrementeel.Clienten.Count);
            Assert.All(incrementeel.Trajecten, t => Assert.Contains("leerwerkbedrijf", t, StringComparison.Ordinal));

            // A rebuild of every projection from position 0, with the silo running, ends with exactly the same tables.
            Assert.Equal(0, await Opdrachtregel.VoerUitAsync(["projecties", "herbouw", $"--ConnectionStrings:Trajecten={database}"]));
            await WachtTotBijAsync(bron);
            var herbouwd = await LeesTabellenAsync(bron);
            Assert.Equal(incrementeel.Clienten, herbouwd.Clienten);
            Assert.Equal(incrementeel.Trajecten, herbouwd.Trajecten);
            Assert.Equal(0, await Opdrachtregel.VoerUitAsync(["projecties", "status", $"--ConnectionStrings:Trajecten={database}"]));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("geheugen")]
    public async Task A_signal_counts_for_its_clients_gemeente_now_whenever_the_client_was_written(string soort)
    {
        IKengetallen kengetallen = new Trajecten.Grains.Projecties.GeheugenKengetallen();
        NpgsqlDataSource? bron = null;
        if (soort == "postgres")
        {
            bron = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
            await SchemaMigratie.BijwerkenAsync(bron);
            kengetallen = new PostgresKengetallen(bron);
        }

        try
        {
            var dag = new DateOnly(2026, 3, 2);
            async Task<string[]> SignalenAsync(string? gemeente) => (await kengetallen.LeesAsync(gemeente is null ? null : new HashSet<string> { gemeente }))
                .Signalen.Select(s => $"{s.Positie}:{s.Gemeente}").ToArray();

            // A signal about someone who is not a client yet counts nowhere; once registered, for the registering gemeente.
            await kengetallen.SchrijfAsync(null, [], [new SignaalStatistiek(1, "cl-p", "schuldhulp", "vroegsignalering", dag)]);
            Assert.Empty(await SignalenAsync(null));
            await kengetallen.SchrijfAsync(new ClientStatistiek("cl-p", "Heiloo", null, [], 2), [], [new SignaalStatistiek(2, "cl-p", "wmo", "melding", dag)]);
            Assert.Equal(["1:Heiloo", "2:Heiloo"], await SignalenAsync("Heiloo"));

            // After a move every signal of the person counts for the new gemeente, like the person's trajecten.
            await kengetallen.SchrijfAsync(new ClientStatistiek("cl-p", "Bergen", null, [], 3), [], []);
            Assert.Empty(await SignalenAsync("Heiloo"));
            Assert.Equal(["1:Bergen", "2:Bergen"], await SignalenAsync("Bergen"));

            // Another person's signal stays where it is; an older write of a client does not move anything back.
            await kengetallen.SchrijfAsync(null, [], [new SignaalStatistiek(4, "cl-q", "jeugd", "melding", dag)]);
            await kengetallen.SchrijfAsync(new ClientStatistiek("cl-p", "Heiloo", null, [], 2), [], []);
            Assert.Equal(["1:Bergen", "2:Bergen"], await SignalenAsync(null));

            // Per domain, retention reads every signal, also of people who are no client (no gemeente).
            Assert.Equal(["4:"], (await kengetallen.SignalenAsync("jeugd")).Select(s => $"{s.Positie}:{s.Gemeente}"));
            Assert.Equal(["1:Bergen"], (await kengetallen.SignalenAsync("schuldhulp")).Select(s => $"{s.Positie}:{s.Gemeente}"));
        }
        finally
        {
            if (bron is not null)
            {
                await bron.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("geheugen")]
    public async Task A_destroyed_clients_figures_stay_frozen_no_longer_active_and_a_rebuild_keeps_them(string soort)
    {
        IKengetallen kengetallen = new Trajecten.Grains.Projecties.GeheugenKengetallen();
        NpgsqlDataSource? bron = null;
        if (soort == "postgres")
        {
            bron = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
            await SchemaMigratie.BijwerkenAsync(bron);
            kengetallen = new PostgresKengetallen(bron);
        }

        try
        {
            static string Json(object o) => System.Text.Json.JsonSerializer.Serialize(o);
            var dag = new DateOnly(2026, 3, 2);
            var vernietigd = new DateOnly(2026, 9, 1);
            TrajectStatistiek Traject(string id, string client, string? uitkomst, long positie) => new(
                id, client, "Heiloo", "re-integratie", uitkomst is null ? "diagnose" : "beeindigd", null, dag, dag, dag.AddDays(9), null, dag.AddDays(9),
                uitkomst is null ? null : dag.AddDays(30), uitkomst, ["intake", "diagnose"], [],
                uitkomst is null ? [new OpenTermijn("plan", new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), false)] : [], [], 1, 0, positie);
            foreach (var c in new[] { "cl-weg", "cl-blijft" })
            {
                await kengetallen.SchrijfAsync(new ClientStatistiek(c, "Heiloo", "km-1", ["termijn-verstreken"], 5),
                    [Traject("tr-open-" + c, c, null, 5), Traject("tr-dicht-" + c, c, TrajectStatistiek.Beeindigd, 4)],
                    [new SignaalStatistiek(c == "cl-weg" ? 3 : 2, c, "schuldhulp", "vroegsignalering", dag)]);
            }

            await kengetallen.BevriesAsync("cl-weg", vernietigd, 9);
            await kengetallen.BevriesAsync("cl-weg", vernietigd.AddDays(3), 11); // again, later: changes nothing more

            // Still counted, in nobody's caseload, without attention points; the running traject ended on the day, without deadlines.
            async Task<(ClientStatistiek Client, TrajectStatistiek[] Trajecten, int Signalen)> VanAsync(string c)
            {
                var b = await kengetallen.LeesAsync();
                return (b.Clienten.Single(x => x.ClientId == c), b.Trajecten.Where(t => t.ClientId == c).OrderBy(t => t.TrajectId).ToArray(),
                    b.Signalen.Count(x => x.ClientId == c));
            }

            var weg = await VanAsync("cl-weg");
            Assert.Equal((null, 0, 1), (weg.Client.Klantmanager, weg.Client.Aandachtspunten.Count, weg.Signalen));
            Assert.Equal([TrajectStatistiek.Beeindigd, TrajectStatistiek.Vernietigd], weg.Trajecten.Select(t => t.Uitkomst));
            Assert.Equal([dag.AddDays(30), vernietigd], weg.Trajecten.Select(t => t.AfgeslotenOp));
            Assert.All(weg.Trajecten, t => Assert.Empty(t.Termijnen));

            // A fact from before, applied again, does not bring the old rows back.
            await kengetallen.SchrijfAsync(new ClientStatistiek("cl-weg", "Heiloo", "km-1", ["termijn-verstreken"], 5), [Traject("tr-open-cl-weg", "cl-weg", null, 5)], []);
            var opnieuw = await VanAsync("cl-weg");
            Assert.Equal(Json(weg.Client), Json(opnieuw.Client));
            Assert.Equal(Json(weg.Trajecten), Json(opnieuw.Trajecten));

            // Emptied for a rebuild, the frozen rows stay (nothing can recompute them); the other client's go, to be rebuilt.
            await kengetallen.LeegAsync();
            var na = await kengetallen.LeesAsync();
            Assert.Equal(["cl-weg"], na.Clienten.Select(c => c.ClientId));
            Assert.Equal(Json(weg.Trajecten), Json(na.Trajecten.OrderBy(t => t.TrajectId)));
            Assert.Equal([3L], na.Signalen.Select(x => x.Positie));
        }
        finally
        {
            if (bron is not null)
            {
                await bron.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Paging_over_ten_thousand_rows_forwards_and_backwards_returns_each_exactly_once_in_order()
    {
        await using var bron = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(bron);
        var caseload = new PostgresCaseload(bron);
        var nu = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 10_000).Chunk(500).Select(async deel =>
        {
            foreach (var i in deel)
            {
                await caseload.SchrijfAsync(new CaseloadRij(Domain.Identificatie.Ids.Nieuw("cl"), "Alkmaar", "km", null, $"Naam {i % 113} Ö{i % 7}",
                    null, [new CaseloadTraject(Domain.Identificatie.Ids.Nieuw("tr"), "re-integratie", "intake", null, nu.AddDays(i % 30), "zoekperiode")],
                    [], nu.AddDays(i % 30), "zoekperiode", nu, i));
            }
        }));

        foreach (var volgorde in new[] { CaseloadVolgorde.Naam, CaseloadVolgorde.Urgentie })
        {
            var vooruit = new List<CaseloadRij>();
            CaseloadPositie? vanaf = null;
            while (true)
            {
                var pagina = await caseload.ZoekAsync(new CaseloadVraag { Limiet = 100, Vanaf = vanaf, Volgorde = volgorde, Klantmanager = "km" });
                vooruit.AddRange(pagina.Rijen);
                if (!pagina.MeerNa)
                {
                    break;
                }

                vanaf = new CaseloadPositie(pagina.Rijen[^1].Sleutel(volgorde), pagina.Rijen[^1].ClientId, false);
            }

            Assert.Equal(10_000, vooruit.Select(r => r.ClientId).Distinct().Count());
            Assert.Equal(10_000, vooruit.Count);
            var verwacht = vooruit.OrderBy(r => r.Sleutel(volgorde), StringComparer.Ordinal).ThenBy(r => r.ClientId, StringComparer.Ordinal);
            Assert.Equal(verwacht.Select(r => r.ClientId), vooruit.Select(r => r.ClientId));

            var laatste = vooruit[^1];
            var terug = await caseload.ZoekAsync(new CaseloadVraag { Limiet = 100, Volgorde = volgorde, Vanaf = new(laatste.Sleutel(volgorde), laatste.ClientId, true) });
            Assert.Equal(vooruit.Skip(9_899).Take(100).Select(r => r.ClientId), terug.Rijen.Select(r => r.ClientId));
            Assert.True(terug.MeerVoor);
        }

        // The same rows through the in-memory model give the same order: one contract, two stores.
        var geheugen = new Grains.Projecties.GeheugenCaseload();
        foreach (var rij in await caseload.AllesAsync())
        {
            await geheugen.SchrijfAsync(rij);
        }

        var pg = await caseload.ZoekAsync(new CaseloadVraag { Limiet = 100, NaamPrefix = "naam 1", Volgorde = CaseloadVolgorde.Naam });
        var mem = await geheugen.ZoekAsync(new CaseloadVraag { Limiet = 100, NaamPrefix = "naam 1", Volgorde = CaseloadVolgorde.Naam });
        Assert.Equal(mem.Rijen.Select(r => r.ClientId), pg.Rijen.Select(r => r.ClientId));
        Assert.Equal(100, pg.Rijen.Count);
    }

    private static string Bsn(int i)
    {
        for (var basis = 20_000_000 + (i * 10); ; basis++)
        {
            var tekst = basis.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            for (var laatste = 0; laatste <= 9; laatste++)
            {
                if (Domain.Identificatie.Bsn.TryParse(tekst + laatste, out _, out _))
                {
                    return tekst + laatste;
                }
            }
        }
    }

    /// <summary>Until every projection's checkpoint in every partition has reached the last fact of that partition.</summary>
    private static async Task WachtTotBijAsync(NpgsqlDataSource bron)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var opdracht = bron.CreateCommand("""
                SELECT count(*) FROM (SELECT partitie, max(positie) AS m FROM trajecten_gebeurtenissen GROUP BY partitie) l
                  CROSS JOIN (VALUES ('klantbeeld'), ('caseload'), ('werkgever-plaatsingen')) AS p(naam)
                  LEFT JOIN trajecten_projectie_stand s ON s.projectie = p.naam AND s.partitie = l.partitie
                 WHERE coalesce(s.positie, 0) < l.m
                """);
            if ((long)(await opdracht.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "projecties na 60 s niet bij");
            await Task.Delay(100);
        }
    }

    private static async Task<(List<string> Clienten, List<string> Trajecten)> LeesTabellenAsync(NpgsqlDataSource bron)
    {
        async Task<List<string>> LeesAsync(string sql)
        {
            await using var opdracht = bron.CreateCommand(sql);
            await using var rijen = await opdracht.ExecuteReaderAsync();
            var resultaat = new List<string>();
            while (await rijen.ReadAsync())
            {
                resultaat.Add(rijen.GetString(0));
            }

            return resultaat;
        }

        return (await LeesAsync("SELECT row_to_json(c)::text FROM trajecten_caseload_clienten c ORDER BY client_id"),
                await LeesAsync("SELECT row_to_json(t)::text FROM trajecten_caseload_trajecten t ORDER BY traject_id"));
    }
}
