using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.BackOffice.Voorbeeld;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;
using Trajecten.Grains.Projecties;

namespace Trajecten.Grains.Tests;

/// <summary>
/// The projections apply the event log. Some tests put a fact in the log the way a crash leaves it (logged, then the
/// process died before the state write) and deactivate the grain that lost it, then wait until every consumer has it.
/// </summary>
[Collection(ClusterCollection.Naam)]
public class ProjectieTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private async Task<string> RegistreerAsync(string gemeente)
    {
        var bsn = TestBsn.Nieuw();
        var clientId = fixture.Pseudoniem.ClientId(bsn);
        await Client.GetGrain<IClientGrain>(clientId).RegistreerAsync(new ClientRegistratie { Bsn = bsn, Gemeente = gemeente });
        return clientId;
    }

    private Mijlpaal Intake(string sleutel) => new()
    {
        MijlpaalId = Ids.Nieuw(Ids.MijlpaalPrefix), Volgnummer = 1, Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag,
        Details = MijlpaalDetails.Geen, GeregistreerdOp = fixture.Klok.Nu, IdempotencyKey = sleutel,
    };

    [Fact]
    public async Task A_milestone_logged_but_never_answered_reaches_the_klantbeeld_with_its_deadlines()
    {
        var clientId = await RegistreerAsync("Bergen");
        var trajectId = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId;
        var klantbeeld = Client.GetGrain<IKlantbeeldGrain>(clientId);
        await Wachten.TotAsync(klantbeeld.LeesAsync, k => k!.Trajecten.Count == 1, "traject in het klantbeeld");

        var mijlpaal = Intake("verloren-publicatie");
        await fixture.Log.VoegToeAsync(new NieuwFeit(Stromen.Traject(trajectId), 2, mijlpaal.MijlpaalId, clientId, "Bergen", TrajectSoort.ReIntegratie,
            mijlpaal, mijlpaal.GeregistreerdOp));
        await fixture.Cluster.DeactivateAsync(Client.GetGrain<ITrajectGrain>(trajectId)).WaitAsync(TimeSpan.FromSeconds(20));

        var beeld = await Wachten.TotAsync(klantbeeld.LeesAsync, k => k!.Trajecten[0].Mijlpalen.Count == 1, "mijlpaal via de projectie");
        Assert.Equal(mijlpaal, beeld!.Trajecten[0].Mijlpalen[0]);
        // The deadlines an intake sets come from the traject grain, which caught up from the log.
        Assert.Equal([TermijnSoort.Zoekperiode, TermijnSoort.Herbeoordeling], beeld.Trajecten[0].Termijnen.Select(t => t.Soort).Order());
    }

    [Fact]
    public async Task A_traject_whose_opening_was_logged_but_whose_state_was_never_written_exists_and_reaches_its_client()
    {
        var clientId = await RegistreerAsync("Heiloo");
        var trajectId = Ids.Nieuw(Ids.TrajectPrefix);
        var geopend = new TrajectGeopend { ClientId = clientId, Gemeente = "Heiloo", Soort = TrajectSoort.Participatie, AangemeldOp = fixture.Klok.Nu };
        await fixture.Log.VoegToeAsync(new NieuwFeit(Stromen.Traject(trajectId), 1, trajectId, clientId, "Heiloo", TrajectSoort.Participatie, geopend, geopend.AangemeldOp));

        // The state was never written: the traject comes from the log, and the read side links it to its client.
        var traject = await Client.GetGrain<ITrajectGrain>(trajectId).LeesAsync();
        Assert.Equal((clientId, "Heiloo", TrajectSoort.Participatie), (traject!.ClientId, traject.Gemeente, traject.Soort));
        await Wachten.TotAsync(() => Client.GetGrain<IClientGrain>(clientId).LeesProfielAsync(), p => p!.TrajectIds.Contains(trajectId), "traject bij de cliënt");
        Assert.Equal(MijlpaalStatus.Geregistreerd, (await Client.GetGrain<ITrajectGrain>(trajectId).RegistreerMijlpaalAsync(new MijlpaalAanvraag
        {
            IdempotencyKey = "na-herstel", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
        })).Status);
    }

    [Fact]
    public async Task A_signal_logged_but_never_answered_reaches_the_register_and_the_klantbeeld()
    {
        var clientId = await RegistreerAsync("Castricum");
        var klantbeeld = Client.GetGrain<IKlantbeeldGrain>(clientId);
        Assert.Empty((await klantbeeld.LeesAsync())!.Signalen);

        var signaal = new OntvangenSignaal
        {
            Melding = new SignaalMelding
            {
                SignaalId = Ids.Nieuw(Ids.SignaalPrefix), Domein = SignaalDomein.Schuldhulp, Soort = "betalingsachterstand",
                Datum = fixture.Klok.Vandaag, BronOrganisatie = "Kredietbank", Contactpersoon = new Contactpersoon { Naam = "Eva" },
                OntvangenOp = fixture.Klok.Nu,
            },
            Inhoud = "huurachterstand twee maanden",
            IdempotencyKey = "verloren-signaal",
            Vingerafdruk = "x",
        };
        await fixture.Log.VoegToeAsync(new NieuwFeit(Stromen.Signalen(clientId), 1, signaal.Melding.SignaalId, clientId, null, null, signaal, fixture.Klok.Nu));
        var register = Client.GetGrain<ISignaalRegisterGrain>(clientId);
        await fixture.Cluster.DeactivateAsync(register).WaitAsync(TimeSpan.FromSeconds(20));

        var beeld = await Wachten.TotAsync(klantbeeld.LeesAsync, k => k!.Signalen.Count == 1, "signaal via de projectie");
        Assert.Equal(signaal.Melding, beeld!.Signalen[0]);
        Assert.Equal(signaal.Melding, Assert.Single(await register.LeesMeldingenAsync()));
        Assert.Equal("huurachterstand twee maanden", (await register.LeesInhoudAsync([SignaalDomein.Schuldhulp]))[signaal.Melding.SignaalId]);
    }

    [Fact]
    public async Task A_signal_is_written_to_the_log_before_it_is_acknowledged_and_a_repeat_adds_nothing()
    {
        var clientId = await RegistreerAsync("Heiloo");
        var register = Client.GetGrain<ISignaalRegisterGrain>(clientId);
        var aanvraag = new SignaalAanvraag
        {
            IdempotencyKey = "s1", Domein = SignaalDomein.Wmo, Soort = "huishoudelijke-hulp", Datum = fixture.Klok.Vandaag,
            BronOrganisatie = "Wmo-loket", Contactpersoon = new Contactpersoon { Naam = "Piet" },
        };
        var eerste = await register.OntvangAsync(aanvraag);
        var herhaling = await register.OntvangAsync(aanvraag);

        Assert.Equal(SignaalStatus.Herhaald, herhaling.Status);
        var inLog = Assert.Single(await fixture.Log.StroomAsync(Stromen.Signalen(clientId), 0));
        Assert.Equal(eerste.SignaalId, ((OntvangenSignaal)inLog.Gegevens).Melding.SignaalId);
    }

    [Fact]
    public async Task An_orleans_client_follows_a_gemeente_in_order_exactly_once_across_a_restart_of_the_follower()
    {
        var gemeente = "Volggemeente-" + Guid.NewGuid().ToString("N")[..6];
        var ontvangen = new List<Gebeurtenis>();
        var volger = new GemeenteVolger(Client, gemeente, 0, g => { lock (ontvangen) { ontvangen.Add(g); } return Task.CompletedTask; });
        await volger.StartAsync();

        var trajecten = new List<ITrajectGrain>();
        for (var i = 0; i < 3; i++)
        {
            var clientId = await RegistreerAsync(gemeente);
            var id = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId;
            trajecten.Add(Client.GetGrain<ITrajectGrain>(id));
        }

        foreach (var traject in trajecten)
        {
            await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "i", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen });
        }

        await Wachten.TotAsync(() => Task.FromResult(Tel()), n => n == 3, "drie intakes bij de volger");

        // The follower stops; two milestones are recorded meanwhile; a new follower resumes from the stored cursor.
        var cursor = volger.Cursor;
        await volger.DisposeAsync();
        foreach (var traject in trajecten.Take(2))
        {
            await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "d", Soort = MijlpaalSoort.Diagnose, Datum = fixture.Klok.Vandaag, Details = new() { Zorg = true } });
        }

        await using var tweede = new GemeenteVolger(Client, gemeente, cursor, g => { lock (ontvangen) { ontvangen.Add(g); } return Task.CompletedTask; });
        await tweede.StartAsync();
        await DiagnoseAsync(trajecten[2]);
        await Wachten.TotAsync(() => Task.FromResult(Tel()), n => n == 6, "zes mijlpalen bij de volger");

        lock (ontvangen)
        {
            Assert.Equal(ontvangen.Select(g => g.Positie).Order(), ontvangen.Select(g => g.Positie)); // log order
            Assert.Equal(6, ontvangen.Select(g => g.Mijlpaal.MijlpaalId).Distinct().Count()); // each once
            Assert.All(ontvangen, g => Assert.Equal(gemeente, g.Gemeente));
        }

        int Tel()
        {
            lock (ontvangen)
            {
                return ontvangen.Count;
            }
        }

        Task DiagnoseAsync(ITrajectGrain traject) => traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag
        {
            IdempotencyKey = "d", Soort = MijlpaalSoort.Diagnose, Datum = fixture.Klok.Vandaag, Details = new() { Zorg = true },
        });
    }

    [Fact]
    public async Task A_fact_that_keeps_failing_is_parked_holds_up_only_its_client_and_is_applied_in_order_after_a_retry()
    {
        var stuk = await RegistreerAsync("Bergen");
        var gezond = await RegistreerAsync("Bergen");
        await Wachten.TotAsync(() => Task.FromResult(FalendeProjectie.Toegepast.Count(t => t.ClientId == stuk || t.ClientId == gezond)), n => n == 2,
            "beide registraties toegepast");
        FalendeProjectie.Falend[stuk] = true;
        foreach (var clientId in new[] { stuk, gezond })
        {
            var traject = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId;
            await Client.GetGrain<ITrajectGrain>(traject).RegistreerMijlpaalAsync(new MijlpaalAanvraag
            {
                IdempotencyKey = "i", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
            });
        }

        // The healthy client's facts (traject opened, intake) are applied; the broken one's are parked, both.
        await Wachten.TotAsync(() => Task.FromResult(FalendeProjectie.Toegepast.Count(t => t.ClientId == gezond)), n => n == 3, "de gezonde cliënt bij");
        var geparkeerd = (await Wachten.TotAsync(() => fixture.ProjectieOpslag.GeparkeerdAsync(FalendeProjectie.ProjectieNaam),
            g => g.Count(x => x.ClientId == stuk) == 2, "twee geparkeerde feiten")).Where(g => g.ClientId == stuk).ToArray();
        Assert.All(geparkeerd, g => Assert.Equal(Partities.Van(stuk), g.Partitie));
        // The first carries the failure; a later fact that came in a later batch is parked behind it without being tried.
        Assert.Contains("testfout", geparkeerd.MinBy(g => g.Positie)!.Fout, StringComparison.Ordinal);
        Assert.All(geparkeerd, g => Assert.True(g.Fout.Contains("testfout", StringComparison.Ordinal) || g.Fout.Contains("eerder feit", StringComparison.Ordinal), g.Fout));
        Assert.Single(FalendeProjectie.Toegepast, t => t.ClientId == stuk);

        // A later fact of the parked client is parked behind them, never applied out of order.
        await Client.GetGrain<IClientGrain>(stuk).WijzigAsync(new ClientWijzigAanvraag
        {
            Patch = new Domain.Client.ClientPatch { Naam = new(true, "Na de fout") }, VerwachteVersie = 1,
        });
        await Wachten.TotAsync(() => fixture.ProjectieOpslag.GeparkeerdAsync(FalendeProjectie.ProjectieNaam),
            g => g.Count(x => x.ClientId == stuk) == 3, "het latere feit erachter geparkeerd");

        // Fixed, then retried: every parked fact of the client, in log order, once.
        FalendeProjectie.Falend.TryRemove(stuk, out _);
        Assert.True(await fixture.ProjectieOpslag.HerstelAsync(FalendeProjectie.ProjectieNaam) >= 3);
        var toegepast = await Wachten.TotAsync(() => Task.FromResult(FalendeProjectie.Toegepast.Where(t => t.ClientId == stuk).Select(t => t.Positie).ToArray()),
            p => p.Length == 4, "de herstelde cliënt bij");
        Assert.Equal(toegepast.Order(), toegepast);
        Assert.Equal(toegepast.Length, toegepast.Distinct().Count());
        Assert.Equal(geparkeerd.Select(g => g.Positie), toegepast.Skip(1).Take(2));
        Assert.DoesNotContain(await fixture.ProjectieOpslag.GeparkeerdAsync(FalendeProjectie.ProjectieNaam), g => g.ClientId == stuk);
    }

    [Fact]
    public async Task The_caseload_follows_the_log_and_a_rebuild_next_to_live_traffic_ends_equal_to_it()
    {
        var clienten = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            clienten.Add(await RegistreerAsync(i % 2 == 0 ? "Langedijk" : "Schermer"));
        }

        async Task VerkeerAsync(IEnumerable<string> wie, string sleutel)
        {
            foreach (var clientId in wie)
            {
                var traject = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.Participatie, sleutel))!.Traject!.TrajectId;
                await Client.GetGrain<ITrajectGrain>(traject).RegistreerMijlpaalAsync(new MijlpaalAanvraag
                {
                    IdempotencyKey = sleutel, Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
                });
            }
        }

        await VerkeerAsync(clienten.Take(10), "a");
        var rebuild = fixture.ProjectieOpslag.HerbouwAsync(CaseloadProjectie.ProjectieNaam, fixture.Caseload.LeegAsync);
        await Task.WhenAll(rebuild, VerkeerAsync(clienten.Skip(10), "b"));

        // Once the projection has caught up, every client is in the caseload with its open traject in fase intake.
        var rijen = await Wachten.TotAsync(async () => (await fixture.Caseload.AllesAsync()).Where(r => clienten.Contains(r.ClientId)).ToArray(),
            r => r.Length == 20 && r.All(x => x.Trajecten.Count == 1 && x.Trajecten[0].Fase == "intake"), "twintig cliënten in de caseload");
        Assert.All(rijen, r => Assert.Equal(clienten.IndexOf(r.ClientId) % 2 == 0 ? "Langedijk" : "Schermer", r.Gemeente));

        // What the rebuild next to traffic produced equals what a rebuild on a quiet log produces.
        var incrementeel = (await fixture.Caseload.AllesAsync()).Where(r => clienten.Contains(r.ClientId)).ToArray();
        await fixture.ProjectieOpslag.HerbouwAsync(CaseloadProjectie.ProjectieNaam, fixture.Caseload.LeegAsync);
        var herbouwd = await Wachten.TotAsync(async () => (await fixture.Caseload.AllesAsync()).Where(r => clienten.Contains(r.ClientId)).ToArray(),
            r => r.Length == 20 && r.All(x => x.Trajecten.Count == 1), "de herbouwde caseload");
        Assert.Equal(incrementeel.Select(Tekst), herbouwd.Select(Tekst));

        static string Tekst(Abstractions.Leesmodel.CaseloadRij r) => System.Text.Json.JsonSerializer.Serialize(r);
    }

    [Fact]
    public async Task A_rebuild_passes_over_the_facts_of_a_destroyed_person_without_failing_and_leaves_them_out()
    {
        var clientId = await RegistreerAsync("Heiloo");
        var traject = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.Participatie, "v"))!.Traject!.TrajectId;
        await Client.GetGrain<ITrajectGrain>(traject).RegistreerMijlpaalAsync(new MijlpaalAanvraag
        {
            IdempotencyKey = "v", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
        });
        await Wachten.TotAsync(() => fixture.Caseload.AllesAsync(), r => r.Any(x => x.ClientId == clientId), "de cliënt in de caseload");
        await Client.GetGrain<IClientGrain>(clientId).VernietigAsync(Abstractions.Privacy.Vernietigingsgronden.VerzoekBetrokkene, "fg", "fg");
        await Wachten.TotAsync(() => fixture.Caseload.AllesAsync(), r => r.All(x => x.ClientId != clientId), "de cliënt uit de caseload");

        // Replayed from position 0, the facts from before reach a klantbeeld that now answers "destroyed": the read models
        // leave the person out, nothing fails or is parked.
        var eind = (await fixture.Log.LeesPartitieAsync(Partities.Van(clientId), 0, int.MaxValue)).Last(f => f.ClientId == clientId).Positie;
        string[] projecties = [CaseloadProjectie.ProjectieNaam, KengetallenProjectie.ProjectieNaam, KlantbeeldProjectie.ProjectieNaam, new ClientTrajectenProjectie().Naam];
        foreach (var projectie in projecties)
        {
            await fixture.ProjectieOpslag.HerbouwAsync(projectie, projectie == CaseloadProjectie.ProjectieNaam ? fixture.Caseload.LeegAsync : () => Task.CompletedTask);
        }

        await Wachten.TotAsync(() => fixture.ProjectieOpslag.LeesAsync(Partities.Van(clientId), projecties),
            standen => standen.All(s => s.Positie >= eind), "de herbouw voorbij de vernietiging");
        Assert.DoesNotContain(await fixture.ProjectieOpslag.GeparkeerdAsync(), g => g.ClientId == clientId);
        Assert.DoesNotContain(await fixture.Caseload.AllesAsync(), r => r.ClientId == clientId);
    }
}
