using Npgsql;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;
using Trajecten.Silo.Opslag;

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

    [Fact]
    public async Task Concurrent_writers_and_a_concurrent_reader_never_skip_or_repeat_a_position()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync() + ";Maximum Pool Size=40");
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database);
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
                await log.VoegToeAsync(trajectId, "cl-x", s % 2 == 0 ? "Alkmaar" : "Bergen", TrajectSoort.ReIntegratie, M(v));
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
        var log = new PostgresGebeurtenisLog(database);
        var mijlpaal = M(1);

        var eerste = await log.VoegToeAsync("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, mijlpaal);
        var nogmaals = await log.VoegToeAsync("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, mijlpaal);
        Assert.Equal(eerste.Positie, nogmaals.Positie);
        Assert.Equal(mijlpaal, (await log.TrajectAsync("tr-a", 0)).Single()); // the stored fact round-trips exactly
        await Assert.ThrowsAsync<VolgnummerBezetException>(() => log.VoegToeAsync("tr-a", "cl-a", "Alkmaar", TrajectSoort.Participatie, M(1)));
    }

    [Fact]
    public async Task Signals_share_the_log_but_never_reach_the_feed()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.MaakDatabaseAsync());
        await SchemaMigratie.BijwerkenAsync(database);
        var log = new PostgresGebeurtenisLog(database);
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

        await log.VoegToeAsync("tr-b", "cl-b", "Bergen", TrajectSoort.ReIntegratie, M(1));
        var feit = await log.VoegSignaalToeAsync("cl-b", 1, signaal);
        Assert.Equal(feit.Positie, (await log.VoegSignaalToeAsync("cl-b", 1, signaal)).Positie); // a repeat
        await Assert.ThrowsAsync<VolgnummerBezetException>(() => log.VoegSignaalToeAsync("cl-b", 1,
            signaal with { Melding = signaal.Melding with { SignaalId = Ids.Nieuw(Ids.SignaalPrefix) } }));

        Assert.Equal(signaal, Assert.Single(await log.SignalenAsync("cl-b", 0))); // round-trips, content included
        Assert.Single(await log.LeesAsync(0, 10, new GebeurtenisFilter())); // the feed: the milestone only
        var alles = await log.LeesAllesAsync(0, 10);
        Assert.Equal([1L, 2L], alles.Select(f => f.Positie));
        Assert.NotNull(alles[0].Mijlpaal);
        Assert.Equal("cl-b", alles[1].Signaal!.ClientId);
    }
}
