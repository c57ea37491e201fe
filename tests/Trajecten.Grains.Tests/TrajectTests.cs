using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;
using Orleans.Runtime;

namespace Trajecten.Grains.Tests;

[Collection(ClusterCollection.Naam)]
public class TrajectTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private async Task<IClientGrain> ClientAsync()
    {
        Assert.True(Bsn.TryParse("111222333", out var bsn, out _));
        // A unique key per test: the grain key is what isolates tests, the BSN is just stored.
        var client = Client.GetGrain<IClientGrain>(Ids.Nieuw(Ids.ClientPrefix));
        await client.RegistreerAsync(new ClientRegistratie { Bsn = bsn, Gemeente = "Schermer" });
        return client;
    }

    [Fact]
    public async Task A_reminder_that_failed_to_register_is_registered_at_the_next_fact_and_at_the_next_activation()
    {
        var client = await ClientAsync();
        var intake = new MijlpaalAanvraag { IdempotencyKey = "i", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen };
        var zoekperiode = new DateTimeOffset(fixture.Klok.Vandaag.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + new TermijnOpties().Zoekperiode;

        // A blip at the intake; the next fact leaves the earliest deadline where it was, and still the reminder is registered.
        var eerste = Client.GetGrain<ITrajectGrain>((await client.MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId);
        fixture.Herinneringen.Weiger(eerste.GetGrainId(), 1);
        Assert.Equal(MijlpaalStatus.Geregistreerd, (await eerste.RegistreerMijlpaalAsync(intake)).Status);
        Assert.Null(fixture.Herinneringen.Zoek(eerste.GetGrainId(), Traject.TrajectGrain.ReminderNaam));
        Assert.Equal(VastleggingStatus.Geregistreerd,
            (await eerste.LegHerbeoordelingVastAsync(new HerbeoordelingAanvraag { IdempotencyKey = "h", Datum = fixture.Klok.Vandaag })).Status);
        var herinnering = fixture.Herinneringen.Zoek(eerste.GetGrainId(), Traject.TrajectGrain.ReminderNaam);
        Assert.NotNull(herinnering);
        var verwacht = DateTime.UtcNow + (zoekperiode - fixture.Klok.Nu); // due when the zoekperiode ends, on the runtime's clock
        Assert.InRange(herinnering.StartAt, verwacht.AddMinutes(-1), verwacht.AddMinutes(1));

        // A blip at the intake, then the grain goes idle: its next activation registers the reminder.
        var client2 = await ClientAsync();
        var tweede = Client.GetGrain<ITrajectGrain>((await client2.MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId);
        fixture.Herinneringen.Weiger(tweede.GetGrainId(), 1);
        Assert.Equal(MijlpaalStatus.Geregistreerd, (await tweede.RegistreerMijlpaalAsync(intake)).Status);
        Assert.Null(fixture.Herinneringen.Zoek(tweede.GetGrainId(), Traject.TrajectGrain.ReminderNaam));
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.NotNull(await tweede.LeesAsync());
        Assert.NotNull(fixture.Herinneringen.Zoek(tweede.GetGrainId(), Traject.TrajectGrain.ReminderNaam));
    }

    [Fact]
    public async Task A_traject_whose_client_write_failed_is_linked_from_the_log_and_a_retry_with_its_key_finds_it()
    {
        var client = await ClientAsync();
        ProefOpslag.Weiger(client.GetGrainId(), 1);
        await Assert.ThrowsAnyAsync<Exception>(() => client.MeldTrajectAanAsync(TrajectSoort.Participatie, "open-na-storing"));

        // The opening reached the log; the read side links the traject to the client.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<string> trajecten;
        while ((trajecten = (await client.LeesProfielAsync())!.TrajectIds).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Na 15 s is het traject nog niet aan de cliënt gekoppeld.");
            await Task.Delay(50);
        }

        var trajectId = Assert.Single(trajecten);
        var opnieuw = (await client.MeldTrajectAanAsync(TrajectSoort.Participatie, "open-na-storing"))!;
        Assert.Equal(trajectId, opnieuw.Traject!.TrajectId);
        Assert.Single((await client.LeesProfielAsync())!.TrajectIds);
        Assert.Equal(TrajectSoort.Participatie, (await Client.GetGrain<ITrajectGrain>(trajectId).LeesAsync())!.Soort);
    }

    [Fact]
    public async Task A_second_registration_returns_the_first_profile_unchanged()
    {
        var client = await ClientAsync();
        Assert.True(Bsn.TryParse("111222333", out var bsn, out _));
        var tweede = await client.RegistreerAsync(new ClientRegistratie { Bsn = bsn, Gemeente = "Bergen", Naam = "Ander" });

        Assert.False(tweede.Nieuw);
        Assert.Equal("Schermer", tweede.Profiel.Gemeente);
        Assert.Null(tweede.Profiel.Naam);
    }

    [Fact]
    public async Task Opening_a_traject_with_the_same_key_twice_opens_one()
    {
        var client = await ClientAsync();
        var nu = fixture.Klok.Nu;
        var eerste = (await client.MeldTrajectAanAsync(TrajectSoort.Participatie, "open-1"))!;
        var tweede = (await client.MeldTrajectAanAsync(TrajectSoort.Participatie, "open-1"))!;
        var derde = (await client.MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!;
        var dubbel = (await client.MeldTrajectAanAsync(TrajectSoort.Participatie, "open-2"))!;

        Assert.True(eerste.Nieuw);
        Assert.False(tweede.Nieuw);
        Assert.Equal(eerste.Traject!.TrajectId, tweede.Traject!.TrajectId);
        Assert.NotEqual(eerste.Traject!.TrajectId, derde.Traject!.TrajectId);
        // A second open traject of the same soort is refused (a double click with a new key), pointing at the open one.
        Assert.True(dubbel.AlOpen);
        Assert.False(dubbel.Nieuw);
        Assert.Equal(eerste.Traject!.TrajectId, dubbel.Traject!.TrajectId);
        Assert.Equal(2, (await client.LeesProfielAsync())!.TrajectIds.Count);
        Assert.Equal(TrajectFase.Aangemeld, eerste.Traject.Fase);
        Assert.Equal(nu, eerste.Traject.AangemeldOp); // stamped by the domain's clock
    }

    [Fact]
    public async Task An_unknown_client_or_traject_is_reported_as_such()
    {
        Assert.Null(await Client.GetGrain<IClientGrain>(Ids.Nieuw(Ids.ClientPrefix)).MeldTrajectAanAsync(TrajectSoort.Participatie, null));
        var uitkomst = await Client.GetGrain<ITrajectGrain>(Ids.Nieuw(Ids.TrajectPrefix)).RegistreerMijlpaalAsync(new MijlpaalAanvraag
        {
            IdempotencyKey = "x", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
        });
        Assert.Equal(MijlpaalStatus.Onbekend, uitkomst.Status);
    }

    [Fact]
    public async Task A_placement_needs_a_registered_employer_and_is_then_listed_with_it()
    {
        var client = await ClientAsync();
        var traject = Client.GetGrain<ITrajectGrain>((await client.MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId);
        var vandaag = fixture.Klok.Vandaag;
        await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "i", Soort = MijlpaalSoort.Intake, Datum = vandaag, Details = MijlpaalDetails.Geen });
        var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var plaatsing = new MijlpaalAanvraag
        {
            IdempotencyKey = "p", Soort = MijlpaalSoort.Plaatsing, Datum = vandaag, Details = new() { KvkNummer = kvk },
        };

        var zonderWerkgever = await traject.RegistreerMijlpaalAsync(plaatsing);
        Assert.Equal(MijlpaalStatus.Ongeldig, zonderWerkgever.Status);
        Assert.Equal("kvkNummer", Assert.Single(zonderWerkgever.Problemen).Veld);
        Assert.Single((await traject.LeesAsync())!.Mijlpalen);

        var werkgever = Client.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvk));
        Assert.True(await werkgever.RegistreerAsync(new WerkgeverGegevens { KvkNummer = kvk, Naam = "Zorgboerderij", Gemeente = "Amsterdam" }));
        var geplaatst = await traject.RegistreerMijlpaalAsync(plaatsing);

        Assert.Equal(MijlpaalStatus.Geregistreerd, geplaatst.Status);
        var overzicht = await Wachten.TotAsync(async () => (await werkgever.LeesAsync())!, w => w.Plaatsingen.Count > 0, "de plaatsing bij de werkgever");
        var p = Assert.Single(overzicht.Plaatsingen);
        Assert.Equal(geplaatst.Mijlpaal!.MijlpaalId, p.MijlpaalId);
        Assert.Equal("plaatsing", p.Soort);
    }

    [Fact]
    public async Task An_employer_update_is_not_a_creation_and_a_repeat_changes_nothing()
    {
        var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var werkgever = Client.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvk));
        var gegevens = new WerkgeverGegevens { KvkNummer = kvk, Naam = "Bakkerij", Gemeente = "Alkmaar" };

        Assert.True(await werkgever.RegistreerAsync(gegevens));
        Assert.False(await werkgever.RegistreerAsync(gegevens with { Sector = "voeding" }));
        Assert.Equal("voeding", (await werkgever.LeesAsync())!.Gegevens.Sector);

        var aanvraag = new VacatureAanvraag { Titel = "Broodbakker", Aantal = 2, Leerwerkplek = true };
        var vacature = await werkgever.PlaatsVacatureAsync(aanvraag, "v-1");
        Assert.True(vacature!.Nieuw);
        Assert.Equal(vacature.Vacature, Assert.Single((await werkgever.LeesAsync())!.Vacatures));

        // A retry with the same key places nothing twice; the same key with other content is refused.
        var herhaald = await werkgever.PlaatsVacatureAsync(aanvraag, "v-1");
        Assert.Equal((false, false, vacature.Vacature.VacatureId), (herhaald!.Nieuw, herhaald.AnderVerzoek, herhaald.Vacature.VacatureId));
        Assert.True((await werkgever.PlaatsVacatureAsync(aanvraag with { Aantal = 3 }, "v-1"))!.AnderVerzoek);
        Assert.Single((await werkgever.LeesAsync())!.Vacatures);
        Assert.Null(await Client.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever("00000000")).PlaatsVacatureAsync(new VacatureAanvraag { Titel = "x", Aantal = 1 }, null));
    }

    [Fact]
    public async Task A_milestone_in_the_log_but_not_in_the_state_is_caught_up_on_activation()
    {
        var client = await ClientAsync();
        var trajectId = (await client.MeldTrajectAanAsync(TrajectSoort.ReIntegratie, null))!.Traject!.TrajectId;
        var traject = Client.GetGrain<ITrajectGrain>(trajectId);
        var mijlpaal = new Mijlpaal
        {
            MijlpaalId = Ids.Nieuw(Ids.MijlpaalPrefix), Volgnummer = 1, Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag,
            Details = MijlpaalDetails.Geen, GeregistreerdOp = fixture.Klok.Nu, IdempotencyKey = "uit-het-log",
        };

        // As if the silo died after the log write and before the state write.
        await fixture.Log.VoegToeAsync(new NieuwFeit(Stromen.Traject(trajectId), 2, mijlpaal.MijlpaalId, (await client.LeesProfielAsync())!.ClientId,
            "Schermer", TrajectSoort.ReIntegratie, mijlpaal, mijlpaal.GeregistreerdOp));
        await fixture.Cluster.DeactivateAsync(traject).WaitAsync(TimeSpan.FromSeconds(20));

        var na = (await traject.LeesAsync())!;
        Assert.Equal(mijlpaal, Assert.Single(na.Mijlpalen));
        Assert.Equal(TrajectFase.Intake, na.Fase);
        var herhaling = await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag
        {
            IdempotencyKey = "uit-het-log", Soort = MijlpaalSoort.Intake, Datum = fixture.Klok.Vandaag, Details = MijlpaalDetails.Geen,
        });
        Assert.Equal(MijlpaalStatus.Herhaald, herhaling.Status);
        Assert.Equal(mijlpaal.MijlpaalId, herhaling.Mijlpaal!.MijlpaalId);
    }

    [Fact]
    public async Task Every_recorded_milestone_is_in_the_log_once_in_order()
    {
        var client = await ClientAsync();
        var trajectId = (await client.MeldTrajectAanAsync(TrajectSoort.Participatie, null))!.Traject!.TrajectId;
        var traject = Client.GetGrain<ITrajectGrain>(trajectId);
        var vandaag = fixture.Klok.Vandaag;
        await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "a", Soort = MijlpaalSoort.Intake, Datum = vandaag, Details = MijlpaalDetails.Geen });
        await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "a", Soort = MijlpaalSoort.Intake, Datum = vandaag, Details = MijlpaalDetails.Geen });
        await traject.RegistreerMijlpaalAsync(new MijlpaalAanvraag { IdempotencyKey = "b", Soort = MijlpaalSoort.Diagnose, Datum = vandaag, Details = new() { Zorg = true } });

        var inLog = (await fixture.Log.StroomAsync(Stromen.Traject(trajectId), 0)).Select(f => f.Gegevens).OfType<Mijlpaal>().ToArray();
        Assert.Equal([1, 2], inLog.Select(m => m.Volgnummer));
        Assert.Equal((await traject.LeesAsync())!.Mijlpalen, inLog);
    }
}
