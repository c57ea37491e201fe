using Npgsql;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;
using Trajecten.Postgres;

namespace Trajecten.Postgres.Tests;

[Collection(PostgresCollection.Naam)]
public class GebeurtenisLogTests(PostgresFixture fixture)
{
    private static Mijlpaal M(int volgnummer) => new()
    {
        MijlpaalId = Ids.Nieuw(Ids.MijlpaalPrefix), Volgnummer = volgnummer, Soort = volgnummer == 1 ? MijlpaalSoort.Intake : MijlpaalSoort.Diagnose,
        Datum = new DateOnly(2026, 11, 1), Details = volgnummer == 1 ? MijlpaalDetails.Geen : new() { Loonwaarde = 40, Doelgroep = Doelgroep.Beperkt },
        GeregistreerdOp = DateTimeOffset.UtcNow, IdempotencyKey = "k" + volgnummer,
    };

    private static NieuwFeit Feit(string trajectId, string clientId, string gemeente, TrajectSoort soort, Mijlpaal m) =>
        new(Stromen.Traject(trajectId), m.Volgnummer, m.MijlpaalId, clientId, gemeente, soort, m, m.GeregistreerdOp);

    private static NieuwFeit Signaal(string clientId, int volgnummer, OntvangenSignaal s) =>
        new(Stromen.Signalen(clientId), volgnummer, s.Melding.SignaalId, clientId, null, null, s, s.Melding.OntvangenOp);

    [Fact]
    public async Task Concurrent_writers_and_a_concurrent_reader_never_skip_or_repeat_a_position()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync() + ";Maximum Pool Size=40");
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database, Kluis(database));
        const int schrijvers = 16, perSchrijver = 40;

        using var klaar = new CancellationTokenSource();
        var gelezen = new List<long>();
        var lezer = Task.Run(async () =>
        {
            long na = 0;
            while (true)
            {
                var stoppen = klaar.IsCancellationRequested; // read once more after the writers finished
                foreach (var feit in await log.LeesAsync(na, 50, new GebeurtenisFilter()))
                {
                    gelezen.Add(feit.Positie);
                    na = feit.Positie;
                }

                if (stoppen && gelezen.Count == schrijvers * perSchrijver)
                {
                    return;
                }

                if (stoppen && (await log.LeesAsync(na, 1, new GebeurtenisFilter())).Count == 0)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, schrijvers).Select(s => Task.Run(async () =>
        {
            var trajectId = Ids.Nieuw(Ids.TrajectPrefix);
            for (var v = 1; v <= perSchrijver; v++)
            {
                await log.VoegToeAsync(Feit(trajectId, "cl-x", s % 2 == 0 ? "Alkmaar" : "Bergen", TrajectSoort.ReIntegratie, M(v)));
            }
        })));
        await klaar.CancelAsync();
        await lezer.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, schrijvers * perSchrijver).Select(i => (long)i), gelezen); // gapless, in order, once
        Assert.Equal(schrijvers * perSchrijver, await log.LaatstePositieAsync());
    }

    [Fact]
    public async Task Appending_is_idempotent_and_a_stale_writer_is_refused()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database, Kluis(database));
        var mijlpaal = M(1);

        var eerste = await log.VoegToeAsync(Feit("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, mijlpaal));
        var nogmaals = await log.VoegToeAsync(Feit("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, mijlpaal));
        Assert.Equal(eerste.Positie, nogmaals.Positie);
        Assert.Equal(mijlpaal, (await log.StroomAsync("tr-a", 0)).Single().Gegevens); // the stored fact round-trips exactly
        await Assert.ThrowsAsync<VolgnummerBezetException>(() => log.VoegToeAsync(Feit("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, M(1))));
    }

    [Fact]
    public async Task Signals_share_the_log_but_never_reach_the_feed()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database, Kluis(database));
        var signaal = new OntvangenSignaal
        {
            Melding = new Trajecten.Domain.Signalen.SignaalMelding
            {
                SignaalId = Ids.Nieuw(Ids.SignaalPrefix), Domein = Trajecten.Domain.Signalen.SignaalDomein.Schuldhulp, Soort = "betalingsachterstand",
                Datum = new DateOnly(2026, 11, 2), BronOrganisatie = "Kredietbank", OntvangenOp = DateTimeOffset.UtcNow,
                Contactpersoon = new Trajecten.Domain.Signalen.Contactpersoon { Naam = "Eva", Email = "eva@example.org" },
            },
            Inhoud = "huurachterstand", IdempotencyKey = "s1", Vingerafdruk = "v",
        };

        await log.VoegToeAsync(Feit("tr-b", "cl-b", "Bergen", TrajectSoort.ReIntegratie, M(1)));
        var feit = await log.VoegToeAsync(Signaal("cl-b", 1, signaal));
        Assert.Equal(feit.Positie, (await log.VoegToeAsync(Signaal("cl-b", 1, signaal))).Positie); // a repeat
        await Assert.ThrowsAsync<VolgnummerBezetException>(() => log.VoegToeAsync(Signaal("cl-b", 1,
            signaal with { Melding = signaal.Melding with { SignaalId = Ids.Nieuw(Ids.SignaalPrefix) } })));

        Assert.Equal(signaal, Assert.Single(await log.StroomAsync(Stromen.Signalen("cl-b"), 0)).Gegevens); // round-trips, content included
        Assert.Single(await log.LeesAsync(0, 10, new GebeurtenisFilter())); // the feed: the milestone only
        var alles = await log.LeesPartitieAsync(Partities.Van("cl-b"), 0, 10);
        Assert.Equal([1L, 2L], alles.Select(f => f.Positie));
        Assert.IsType<Mijlpaal>(alles[0].Gegevens);
        Assert.Equal("cl-b", alles[1].ClientId);
        Assert.Empty(await log.LeesPartitieAsync((Partities.Van("cl-b") + 1) % Partities.Aantal, 0, 10));
    }

    [Fact]
    public async Task The_feed_query_selects_exactly_what_the_filter_in_code_selects()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database, Kluis(database));
        var op = DateTimeOffset.UtcNow;
        var intake = M(1);
        var diagnose = M(2);
        NieuwFeit T(string tr, int nr, string id, string gemeente, object gegevens) =>
            new(Stromen.Traject(tr), nr, id, "cl-a", gemeente, TrajectSoort.ReIntegratie, gegevens, op);
        await log.VoegToeAsync(T("tr-a", 1, "tr-a", "Alkmaar", new TrajectGeopend { ClientId = "cl-a", Gemeente = "Alkmaar", Soort = TrajectSoort.ReIntegratie, AangemeldOp = op }));
        await log.VoegToeAsync(T("tr-a", 2, intake.MijlpaalId, "Alkmaar", intake));
        await log.VoegToeAsync(T("tr-a", 3, diagnose.MijlpaalId, "Alkmaar", diagnose with { Volgnummer = 2 }));
        await log.VoegToeAsync(T("tr-a", 4, "co-1", "Alkmaar", new MijlpaalCorrectie
        {
            CorrectieId = "co-1", MijlpaalId = diagnose.MijlpaalId, Soort = CorrectieSoort.Correctie, Datum = diagnose.Datum, Details = diagnose.Details,
            Reden = "r", GeregistreerdOp = op, IdempotencyKey = "c", Vingerafdruk = "v", MijlpaalSoort = MijlpaalSoort.Diagnose,
        }));
        await log.VoegToeAsync(T("tr-a", 5, "co-2", "Alkmaar", new MijlpaalCorrectie
        {
            CorrectieId = "co-2", MijlpaalId = intake.MijlpaalId, Soort = CorrectieSoort.Intrekking, Reden = "r", GeregistreerdOp = op, IdempotencyKey = "d", Vingerafdruk = "w",
        })); // from before corrections named their milestone's soort
        await log.VoegToeAsync(T("tr-a", 6, "zoekperiode-1", "Alkmaar", new Termijn { Soort = TermijnSoort.Zoekperiode, Vervaltijd = op, VerstrekenOp = op }));
        await log.VoegToeAsync(T("tr-a", 7, "nz-1", "Alkmaar", new NazorgUitkomst { NazorgId = "nz-1", Datum = new DateOnly(2026, 11, 1), AanHetWerk = true, GeregistreerdOp = op, IdempotencyKey = "n" }));
        await log.VoegToeAsync(T("tr-a", 8, "verhuisd-8", "Bergen", new GemeenteWissel { Van = "Alkmaar", Naar = "Bergen", Op = op }));
        await log.VoegToeAsync(new NieuwFeit(Stromen.Client("cl-a"), 2, "client-verhuisd-2", "cl-a", "Bergen", null,
            new Trajecten.Domain.Client.ClientVerhuisd { Van = "Alkmaar", Naar = "Bergen", Op = op }, op));
        await log.VoegToeAsync(T("tr-b", 1, intake.MijlpaalId + "b", "Heiloo", intake with { MijlpaalId = intake.MijlpaalId + "b" }));

        var alles = await log.LeesPartitieAsync(Partities.Van("cl-a"), 0, 100);
        Assert.Equal(10, alles.Count);
        var filters = new[]
        {
            GebeurtenisFilter.Alles,
            new GebeurtenisFilter(Gemeenten: ["Alkmaar"]),
            new GebeurtenisFilter(Gemeenten: ["Bergen"]),
            new GebeurtenisFilter(Gemeenten: ["Heiloo", "Schermer"]),
            new GebeurtenisFilter(Soorten: [MijlpaalSoort.Diagnose]),
            new GebeurtenisFilter(Soorten: [MijlpaalSoort.Intake]),
            new GebeurtenisFilter(Typen: [Trajecten.Abstractions.Publicatie.GebeurtenisType.TermijnVerstreken, Trajecten.Abstractions.Publicatie.GebeurtenisType.ClientVerhuisd]),
            new GebeurtenisFilter(Gemeenten: ["Alkmaar"], Typen: [Trajecten.Abstractions.Publicatie.GebeurtenisType.TrajectVerhuisd]),
            new GebeurtenisFilter(Gemeenten: ["Alkmaar"], Soorten: [MijlpaalSoort.Diagnose], Typen: [Trajecten.Abstractions.Publicatie.GebeurtenisType.MijlpaalGecorrigeerd]),
            new GebeurtenisFilter(ZonderClienten: new HashSet<string> { "cl-a" }),
            new GebeurtenisFilter(ZonderClienten: new HashSet<string> { "cl-x", "cl-y" }),
            new GebeurtenisFilter(Gemeenten: ["Heiloo", "Bergen"], ZonderClienten: new HashSet<string> { "cl-a" }),
        };
        foreach (var filter in filters)
        {
            var verwacht = alles.Where(filter.Past).Select(f => f.Positie).ToArray();
            Assert.Equal(verwacht, (await log.LeesAsync(0, 100, filter)).Select(f => f.Positie).ToArray());
        }

        Assert.Equal(10, (await log.LeesAsync(0, 100, GebeurtenisFilter.Alles)).Count);
        Assert.Equal(2, (await log.LeesAsync(0, 100, new GebeurtenisFilter(Gemeenten: ["Bergen"]))).Count); // the two moves into Bergen, nothing from before
        Assert.Equal(9, (await log.LeesAsync(0, 100, new GebeurtenisFilter(Gemeenten: ["Alkmaar"]))).Count); // all of tr-a, the moves out included
        Assert.Equal(2, (await log.LeesAsync(0, 100, new GebeurtenisFilter(Soorten: [MijlpaalSoort.Diagnose]))).Count); // the diagnose and its correction
        Assert.Empty(await log.LeesAsync(0, 100, new GebeurtenisFilter(ZonderClienten: new HashSet<string> { "cl-a" }))); // every fact here is cl-a's, restricted
        Assert.Equal(10, (await log.LeesAsync(0, 100, new GebeurtenisFilter(ZonderClienten: new HashSet<string> { "cl-x" }))).Count);
    }

    [Fact]
    public async Task Every_row_has_its_type_version_and_the_partition_the_schema_computes_as_the_code_does()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database, Kluis(database));
        var clienten = Enumerable.Range(0, 64).Select(_ => Ids.Nieuw(Ids.ClientPrefix)).Append("cl-").Append("cl-!x").ToArray();
        foreach (var clientId in clienten)
        {
            await log.VoegToeAsync(Feit(Ids.Nieuw(Ids.TrajectPrefix), clientId, "Heiloo", TrajectSoort.Participatie, M(1)));
        }

        await using var opdracht = database.CreateCommand("SELECT client_id, partitie, feit, schema_versie, traject_soort, gegevens->'details' FROM trajecten_gebeurtenissen");
        await using var rijen = await opdracht.ExecuteReaderAsync();
        var gezien = 0;
        while (await rijen.ReadAsync())
        {
            Assert.Equal(Partities.Van(rijen.GetString(0)), rijen.GetInt16(1));
            Assert.Equal("mijlpaal", rijen.GetString(2));
            Assert.Equal(2, rijen.GetInt16(3));
            Assert.Equal("participatie", rijen.GetString(4)); // a code, not a CLR member or number
            gezien++;
        }

        Assert.Equal(clienten.Length, gezien);
    }

    /// <summary>The vault over this database's keys table, with a test master key.</summary>
    internal static Trajecten.Grains.Privacy.Persoonsgegevens Kluis(NpgsqlDataSource database) => new(new PostgresSleutelopslag(database),
        new Trajecten.Grains.Privacy.Hoofdsleutels(new Dictionary<string, byte[]> { ["test"] = new byte[32] }, "test"),
        new Trajecten.Grains.Privacy.PersoonsgegevensOpties(), TimeProvider.System);
}
