using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.BackOffice.Voorbeeld;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Tests;

/// <summary>
/// The relay re-publishes facts from the event log. These tests put a fact in the log the way a crash leaves it
/// (logged, then the process died before the state write and the stream publish) and deactivate the grain that
/// lost it, then wait until every consumer has it.
/// </summary>
[Collection(ClusterCollection.Naam)]
public class RelayTests(ClusterFixture fixture)
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
    public async Task A_milestone_lost_between_log_and_stream_reaches_the_klantbeeld_with_its_deadlines()
    {
        var clientId = await RegistreerAsync("Bergen");
        var trajectId = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject.TrajectId;
        var klantbeeld = Client.GetGrain<IKlantbeeldGrain>(clientId);
        await Wachten.TotAsync(klantbeeld.GetAsync, k => k!.Trajecten.Count == 1, "traject in het klantbeeld");

        var mijlpaal = Intake("verloren-publicatie");
        await fixture.Log.VoegToeAsync(trajectId, clientId, "Bergen", TrajectSoort.ReIntegratie, mijlpaal);
        await fixture.Cluster.DeactivateAsync(Client.GetGrain<ITrajectGrain>(trajectId)).WaitAsync(TimeSpan.FromSeconds(20));

        var beeld = await Wachten.TotAsync(klantbeeld.GetAsync, k => k!.Trajecten[0].Mijlpalen.Count == 1, "mijlpaal via de relay");
        Assert.Equal(mijlpaal, beeld!.Trajecten[0].Mijlpalen[0]);
        // The deadlines an intake sets come from the traject grain, not from the relayed event (which has none).
        Assert.Equal([TermijnSoort.Zoekperiode, TermijnSoort.Herbeoordeling], beeld.Trajecten[0].Termijnen.Select(t => t.Soort).Order());
    }

    [Fact]
    public async Task A_signal_lost_between_log_and_stream_reaches_the_register_and_the_klantbeeld()
    {
        var clientId = await RegistreerAsync("Castricum");
        var klantbeeld = Client.GetGrain<IKlantbeeldGrain>(clientId);
        Assert.Empty((await klantbeeld.GetAsync())!.Signalen);

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
        await fixture.Log.VoegSignaalToeAsync(clientId, 1, signaal);
        var register = Client.GetGrain<ISignaalRegisterGrain>(clientId);
        await fixture.Cluster.DeactivateAsync(register).WaitAsync(TimeSpan.FromSeconds(20));

        var beeld = await Wachten.TotAsync(klantbeeld.GetAsync, k => k!.Signalen.Count == 1, "signaal via de relay");
        Assert.Equal(signaal.Melding, beeld!.Signalen[0]);
        Assert.Equal(signaal.Melding, Assert.Single(await register.GetMeldingenAsync()));
        Assert.Equal("huurachterstand twee maanden", (await register.GetInhoudAsync([SignaalDomein.Schuldhulp]))[signaal.Melding.SignaalId]);
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
        var inLog = Assert.Single(await fixture.Log.SignalenAsync(clientId, 0));
        Assert.Equal(eerste.SignaalId, inLog.Melding.SignaalId);
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
            var id = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject.TrajectId;
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
}
