using Orleans.Runtime;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;
using KlantbeeldView = Trajecten.Abstractions.Messages.Klantbeeld;

namespace Trajecten.Grains.Tests;

[Collection(ClusterCollection.Naam)]
public class KlantbeeldTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private async Task<string> RegistreerAsync(Bsn? bsn = null, string gemeente = "Alkmaar")
    {
        var b = bsn ?? TestBsn.Nieuw();
        var clientId = fixture.Pseudoniem.ClientId(b);
        var uitkomst = await Client.GetGrain<IClientGrain>(clientId).RegistreerAsync(new ClientRegistratie
        {
            Bsn = b, Gemeente = gemeente, Klantmanager = "anja", KlantmanagerNaam = "Anja Bakker",
        });
        Assert.True(uitkomst.Nieuw);
        return clientId;
    }

    private static MijlpaalAanvraag Aanvraag(MijlpaalSoort soort, DateOnly datum, MijlpaalDetails? details = null) =>
        new() { IdempotencyKey = Guid.NewGuid().ToString("N"), Soort = soort, Datum = datum, Details = details ?? MijlpaalDetails.Geen };

    private Task<KlantbeeldView> KlantbeeldAsync(string clientId, Func<KlantbeeldView, bool> voorwaarde, string wat) =>
        Wachten.TotAsync(async () => (await Client.GetGrain<IKlantbeeldGrain>(clientId).LeesAsync())!,
            k => k is not null && voorwaarde(k), wat);

    [Fact]
    public async Task Milestones_reach_the_klantbeeld_through_the_log()
    {
        var clientId = await RegistreerAsync();
        var aanmelding = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!;
        Assert.True(aanmelding.Nieuw);
        var traject = Client.GetGrain<ITrajectGrain>(aanmelding.Traject!.TrajectId);
        var vandaag = fixture.Klok.Vandaag;

        Assert.Equal(MijlpaalStatus.Geregistreerd, (await traject.RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Intake, vandaag.AddDays(-20)))).Status);

        // The view is active before the diagnose is recorded: it builds itself from its sources only when it activates, so
        // from here on only the read side's delivery of the log can bring the diagnose into it.
        await KlantbeeldAsync(clientId, k => k.Trajecten.Count == 1 && k.Trajecten[0].Mijlpalen.Count == 1, "de intake in het actieve klantbeeld");
        Assert.Equal(MijlpaalStatus.Geregistreerd, (await traject.RegistreerMijlpaalAsync(
            Aanvraag(MijlpaalSoort.Diagnose, vandaag.AddDays(-10), new() { Loonwaarde = 85 }))).Status);

        var klantbeeld = await KlantbeeldAsync(clientId, k => k.Trajecten.Count == 1 && k.Trajecten[0].Mijlpalen.Count == 2, "twee mijlpalen in het klantbeeld");
        Assert.Equal("Alkmaar", klantbeeld.Gemeente);
        Assert.Equal("anja", klantbeeld.Klantmanager);
        Assert.Equal("Anja Bakker", klantbeeld.KlantmanagerNaam);
        Assert.Equal(TrajectFase.Diagnose, klantbeeld.Trajecten[0].Fase);
        Assert.Equal(Doelgroep.Volledig, klantbeeld.Doelgroep);
        Assert.Equal([1, 2], klantbeeld.Trajecten[0].Mijlpalen.Select(m => m.Volgnummer));
    }

    [Fact]
    public async Task A_signal_that_arrives_before_registration_shows_up_once_the_person_is_a_client()
    {
        var bsn = TestBsn.Nieuw();
        var clientId = fixture.Pseudoniem.ClientId(bsn);
        var signaal = new SignaalAanvraag
        {
            IdempotencyKey = "vroeg-1",
            Domein = SignaalDomein.Schuldhulp,
            Soort = "vroegsignalering",
            Datum = fixture.Klok.Vandaag.AddDays(-3),
            BronOrganisatie = "Woonwaard",
            Contactpersoon = new Contactpersoon { Naam = "P. de Vries", Telefoon = "072 123 4567" },
            Inhoud = "huurachterstand van twee maanden",
        };
        var ontvangst = await Client.GetGrain<ISignaalRegisterGrain>(clientId).OntvangAsync(signaal);
        Assert.Equal(SignaalStatus.Ontvangen, ontvangst.Status);
        Assert.Null(await Client.GetGrain<IKlantbeeldGrain>(clientId).LeesAsync()); // not a client yet

        await RegistreerAsync(bsn);
        await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null);

        var klantbeeld = await KlantbeeldAsync(clientId, k => k.Signalen.Count == 1 && k.Trajecten.Count == 1, "signaal en traject");
        Assert.Equal(ontvangst.SignaalId, klantbeeld.Signalen[0].SignaalId);
        Assert.Equal("Woonwaard", klantbeeld.Signalen[0].BronOrganisatie);
        Assert.Contains(klantbeeld.Aandachtspunten, a => a.Code == Aandachtspunten.SchuldhulpTijdensTraject);
    }

    [Fact]
    public async Task A_repeated_signal_is_one_signal_and_a_reused_key_is_refused()
    {
        var clientId = await RegistreerAsync();
        var register = Client.GetGrain<ISignaalRegisterGrain>(clientId);
        var signaal = new SignaalAanvraag
        {
            IdempotencyKey = "s-1", Domein = SignaalDomein.Jeugd, Soort = "jeugdhulp", Datum = fixture.Klok.Vandaag,
            BronOrganisatie = "Jeugdteam Alkmaar", Contactpersoon = new Contactpersoon { Naam = "K. Smit" },
        };

        var eerste = await register.OntvangAsync(signaal);
        var tweede = await register.OntvangAsync(signaal);
        var ander = await register.OntvangAsync(signaal with { Soort = "melding" });

        Assert.Equal(SignaalStatus.Herhaald, tweede.Status);
        Assert.Equal(eerste.SignaalId, tweede.SignaalId);
        Assert.Equal(SignaalStatus.Geweigerd, ander.Status);
        Assert.Single(await register.LeesMeldingenAsync());
    }

    [Fact]
    public async Task Search_period_runs_out_on_the_injected_clock()
    {
        var clientId = await RegistreerAsync();
        var traject = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!;
        var intake = fixture.Klok.Vandaag;
        await Client.GetGrain<ITrajectGrain>(traject.TrajectId).RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Intake, intake));
        var klantbeeld = await KlantbeeldAsync(clientId, k => k.Trajecten.Count == 1 && k.Trajecten[0].Fase == TrajectFase.Intake, "intake");
        Assert.DoesNotContain(klantbeeld.Aandachtspunten, a => a.Code == Aandachtspunten.ZoekperiodeVerlopen);

        // The domain's time moves on (the runtime's does not); other tests read the clock, never assume a date.
        fixture.Klok.Advance(TimeSpan.FromDays(57));
        klantbeeld = (await Client.GetGrain<IKlantbeeldGrain>(clientId).LeesAsync())!;
        var punt = Assert.Single(klantbeeld.Aandachtspunten, a => a.Code == Aandachtspunten.ZoekperiodeVerlopen);
        Assert.Equal(traject.TrajectId, punt.TrajectId);
        Assert.Equal(intake.AddDays(56), punt.Sinds);
    }

    [Fact]
    public async Task A_traject_is_taken_only_when_its_stream_is_newer_and_only_for_its_own_client()
    {
        var clientId = await RegistreerAsync();
        var klantbeeld = Client.GetGrain<IKlantbeeldGrain>(clientId);
        var trajectId = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId;
        await Client.GetGrain<ITrajectGrain>(trajectId).RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Intake, fixture.Klok.Vandaag));
        await KlantbeeldAsync(clientId, k => k.Trajecten.Count == 1 && k.Trajecten[0].Mijlpalen.Count == 1, "de intake");

        // A traject of someone else, told to this view by mistake, is not taken in.
        var ander = Ids.Nieuw(Ids.TrajectPrefix);
        await Client.GetGrain<ITrajectGrain>(ander).MeldAanAsync(new TrajectAanmelding { ClientId = "cl-elders", Gemeente = "Bergen", Soort = TrajectSoort.Participatie });
        await klantbeeld.VernieuwTrajectAsync(ander, 1);
        // An old version changes nothing (the view never goes back).
        await klantbeeld.VernieuwTrajectAsync(trajectId, 1);

        var beeld = (await klantbeeld.LeesAsync())!;
        Assert.Equal(trajectId, Assert.Single(beeld.Trajecten).TrajectId);
        Assert.Equal(2, beeld.Trajecten[0].Versie);
    }

    [Fact]
    public async Task Journeys_on_both_silos_all_reach_their_klantbeeld()
    {
        var clienten = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var clientId = await RegistreerAsync(gemeente: i % 2 == 0 ? "Heiloo" : "Castricum");
            var traject = (await Client.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!;
            var grain = Client.GetGrain<ITrajectGrain>(traject.TrajectId);
            await grain.RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Intake, fixture.Klok.Vandaag.AddDays(-5)));
            await grain.RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Diagnose, fixture.Klok.Vandaag.AddDays(-4), new() { Loonwaarde = i }));
            await grain.RegistreerMijlpaalAsync(Aanvraag(MijlpaalSoort.Beeindigd, fixture.Klok.Vandaag, new() { BeeindigingsReden = BeeindigingsReden.Verhuisd }));
            return (ClientId: clientId, TrajectId: traject.TrajectId);
        }));

        foreach (var (clientId, _) in clienten)
        {
            var klantbeeld = await KlantbeeldAsync(clientId, k => k.Trajecten.Count == 1 && k.Trajecten[0].Fase == TrajectFase.Beeindigd, "beëindigd traject");
            Assert.Equal([1, 2, 3], klantbeeld.Trajecten[0].Mijlpalen.Select(m => m.Volgnummer));
        }

        // The premise: some traject published on one silo to a klantbeeld on the other.
        var stats = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        SiloAddress? Silo(GrainId id) => stats.FirstOrDefault(s => s.GrainId == id)?.SiloAddress;
        var gekruist = clienten.Count(c =>
            Silo(Client.GetGrain<ITrajectGrain>(c.TrajectId).GetGrainId()) is { } t
            && Silo(Client.GetGrain<IKlantbeeldGrain>(c.ClientId).GetGrainId()) is { } k
            && t != k);
        Assert.True(gekruist > 0, "geen enkel traject en klantbeeld op verschillende silo's");
    }
}
