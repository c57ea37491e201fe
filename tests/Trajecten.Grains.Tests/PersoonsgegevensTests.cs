using Microsoft.Extensions.Time.Testing;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Privacy;
using Trajecten.Domain.Privacy;
using Trajecten.Grains.Privacy;

namespace Trajecten.Grains.Tests;

/// <summary>The vault: data keys created once, sealed values opened, keys destroyed for ever, master keys checked and rotated.</summary>
public class PersoonsgegevensTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Een = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Twee = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    private static Persoonsgegevens Kluis(ISleutelopslag opslag, string actief = "1", params (string Id, byte[] Sleutel)[] sleutels) =>
        new(opslag, new Hoofdsleutels((sleutels.Length == 0 ? [("1", Een)] : sleutels).ToDictionary(s => s.Id, s => s.Sleutel), actief),
            new PersoonsgegevensOpties(), new FakeTimeProvider(Nu));

    private static Vernietiging Vernietiging(string clientId, string? sleutelId = null) => new()
    {
        ClientId = clientId, SleutelId = sleutelId, Grondslag = Vernietigingsgronden.VerzoekBetrokkene, AangevraagdDoor = "fg", BevestigdDoor = "fg", Op = Nu,
    };

    [Fact]
    public async Task A_destroyed_key_opens_nothing_it_sealed_and_seals_nothing_more_on_any_silo()
    {
        var opslag = new GeheugenSleutelopslag();
        var (silo1, silo2) = (Kluis(opslag), Kluis(opslag));
        var naam = await silo1.VerzegelAsync("cl-a", "cl-a", "Sanne"u8.ToArray(), "f1");
        var signaal = await silo1.VerzegelAsync("cl-a/sg-1", "cl-a", "huurachterstand"u8.ToArray(), "f2");
        var ander = await silo1.VerzegelAsync("cl-b", "cl-b", "Piet"u8.ToArray(), "f3");
        Assert.Equal("Sanne"u8.ToArray(), await silo2.OpenAsync(naam, "f1")); // the same key from the store
        Assert.Null(await Record.ExceptionAsync(() => silo2.OpenAsync(signaal, "f2").AsTask()));

        var vastgelegd = await silo1.VernietigAsync(Vernietiging("cl-a"));
        silo2.Vergeet("cl-a"); // what the announcement does on the other silo

        Assert.Equal(2, vastgelegd.Sleutels);
        Assert.Null(await silo1.OpenAsync(naam, "f1"));
        Assert.Null(await silo2.OpenAsync(naam, "f1"));
        Assert.Null(await silo2.OpenAsync(signaal, "f2"));
        Assert.Equal(Nu, silo2.VernietigdOp(naam));
        await Assert.ThrowsAsync<PersoonsgegevensVernietigdException>(() => silo2.VerzegelAsync("cl-a", "cl-a", "x"u8.ToArray(), "f4").AsTask());
        Assert.Equal("Piet"u8.ToArray(), await silo2.OpenAsync(ander, "f3")); // another client is untouched
        Assert.Single(await opslag.VernietigingenAsync("cl-a", 10));
    }

    [Fact]
    public async Task One_signal_can_be_destroyed_while_the_clients_file_stays()
    {
        var kluis = Kluis(new GeheugenSleutelopslag());
        var dossier = await kluis.VerzegelAsync("cl-a", "cl-a", "Sanne"u8.ToArray(), "f1");
        var signaal = await kluis.VerzegelAsync("cl-a/sg-1", "cl-a", "huurachterstand"u8.ToArray(), "f2");
        Assert.Equal(1, (await kluis.VernietigAsync(Vernietiging("cl-a", "cl-a/sg-1"))).Sleutels);
        Assert.Null(await kluis.OpenAsync(signaal, "f2"));
        Assert.Equal("Sanne"u8.ToArray(), await kluis.OpenAsync(dossier, "f1"));
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_every_live_key_and_the_old_master_key_can_then_go()
    {
        var opslag = new GeheugenSleutelopslag();
        var oud = Kluis(opslag);
        await oud.ControleerAsync();
        var verzegeld = await oud.VerzegelAsync("cl-a", "cl-a", "Sanne"u8.ToArray(), "f1");
        await oud.VerzegelAsync("cl-b", "cl-b", "Piet"u8.ToArray(), "f1");
        await oud.VernietigAsync(Vernietiging("cl-b"));

        var beide = Kluis(opslag, "2", ("1", Een), ("2", Twee));
        await beide.ControleerAsync();
        Assert.Equal(1, await beide.HerverpakAsync()); // the destroyed key stays destroyed
        Assert.Equal(new Dictionary<string, long> { ["2"] = 1 }, await opslag.HoofdsleutelsInGebruikAsync());

        var nieuw = Kluis(opslag, "2", ("2", Twee));
        await nieuw.ControleerAsync();
        Assert.Equal("Sanne"u8.ToArray(), await nieuw.OpenAsync(verzegeld, "f1"));
    }

    [Fact]
    public async Task A_missing_or_different_master_key_stops_start_up_with_one_sentence_and_changes_nothing()
    {
        var opslag = new GeheugenSleutelopslag();
        var kluis = Kluis(opslag);
        await kluis.ControleerAsync();
        await kluis.VerzegelAsync("cl-a", "cl-a", "Sanne"u8.ToArray(), "f1");

        var zonder = await Assert.ThrowsAsync<ConfiguratieFout>(() => Kluis(opslag, "2", ("2", Twee)).ControleerAsync());
        Assert.Equal("Hoofdsleutel '1' ontbreekt in Persoonsgegevens:Hoofdsleutels, maar pakt 1 cliëntsleutel(s) in: zet hem terug (er is niets gewijzigd).", zonder.Message);
        var anders = await Assert.ThrowsAsync<ConfiguratieFout>(() => Kluis(opslag, "1", ("1", Twee)).ControleerAsync());
        Assert.Equal("Hoofdsleutel '1' in Persoonsgegevens:Hoofdsleutels is niet de sleutel die eerder onder die naam is gebruikt: zet de juiste terug (er is niets gewijzigd).", anders.Message);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 1 }, await opslag.HoofdsleutelsInGebruikAsync());
    }

    [Fact]
    public async Task Grain_state_with_personal_data_is_stored_sealed_and_refuses_to_open_after_destruction()
    {
        var kluis = Kluis(new GeheugenSleutelopslag());
        var serializer = new PersoonlijkeStaatSerializer(new Proefserializer(), kluis);
        var staat = new ProefStaat { Sleutel = "cl-a", Naam = "Sanne Jansen" };
        var opgeslagen = serializer.Serialize(staat);
        Assert.DoesNotContain("Sanne", System.Text.Encoding.UTF8.GetString(opgeslagen.ToArray()), StringComparison.Ordinal);
        Assert.Equal("Sanne Jansen", serializer.Deserialize<ProefStaat>(opgeslagen)!.Naam);
        Assert.Equal("Los", serializer.Deserialize<ProefStaat>(serializer.Serialize(new ProefStaat { Naam = "Los" }))!.Naam); // nothing personal: as it is

        await kluis.VernietigAsync(Vernietiging("cl-a"));
        Assert.Throws<PersoonsgegevensVernietigdException>(() => serializer.Deserialize<ProefStaat>(opgeslagen));
    }

    private sealed class ProefStaat : IPersoonlijkeStaat
    {
        public string? Sleutel { get; set; }
        public string? Naam { get; set; }
    }

    private sealed class Proefserializer : Orleans.Storage.IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);
        public T? Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>();
    }
}
