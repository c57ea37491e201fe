using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Trajecten.Abstractions.Log;
using Trajecten.Domain.Privacy;

namespace Trajecten.Domain.Tests;

/// <summary>The cipher of the personal data and how a fact's personal members are split off before they are sealed.</summary>
public class VersleutelingTests
{
    private static readonly byte[] Sleutel = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_sealed_value_opens_only_with_its_key_and_its_context_and_unchanged()
    {
        var verzegeld = Versleuteling.Verzegel(Sleutel, "Sanne Jansen"u8, "cl-a|feit-1");
        Assert.Equal("Sanne Jansen"u8.ToArray(), Versleuteling.Open(Sleutel, verzegeld, "cl-a|feit-1"));
        Assert.ThrowsAny<CryptographicException>(() => Versleuteling.Open(Versleuteling.NieuweSleutel(), verzegeld, "cl-a|feit-1"));
        Assert.ThrowsAny<CryptographicException>(() => Versleuteling.Open(Sleutel, verzegeld, "cl-b|feit-1")); // copied to another row
        verzegeld[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Versleuteling.Open(Sleutel, verzegeld, "cl-a|feit-1"));
        Assert.NotEqual(Versleuteling.Verzegel(Sleutel, "x"u8, "c"), Versleuteling.Verzegel(Sleutel, "x"u8, "c")); // a fresh nonce each time
    }

    [Fact]
    public void A_wrapped_data_key_unwraps_only_with_its_master_key_under_its_own_ids()
    {
        var data = Versleuteling.NieuweSleutel();
        var ingepakt = Versleuteling.Pak(Sleutel, "1", "cl-a", data);
        Assert.Equal(data, Versleuteling.PakUit(Sleutel, "1", "cl-a", ingepakt));
        Assert.ThrowsAny<CryptographicException>(() => Versleuteling.PakUit(Sleutel, "1", "cl-b", ingepakt));
        Assert.ThrowsAny<CryptographicException>(() => Versleuteling.PakUit(Sleutel, "2", "cl-a", ingepakt));
        var controle = Versleuteling.Controlewaarde(Sleutel, "1");
        Assert.True(Versleuteling.KloptControlewaarde(Sleutel, "1", controle));
        Assert.False(Versleuteling.KloptControlewaarde(Versleuteling.NieuweSleutel(), "1", controle));
    }

    public static TheoryData<string> TypenMetPersoonsgegevens => new(LogFormaat.BekendeTypen.Where(t => LogFormaat.PersoonlijkeVelden(t).Count > 0));

    /// <summary>
    /// Every personal member of every type, as its golden example writes it: absent from the row, present apart, and put
    /// back exactly. A renamed member would no longer be found here (and stay in the row in clear): this fails first.
    /// </summary>
    [Theory]
    [MemberData(nameof(TypenMetPersoonsgegevens))]
    public void The_personal_members_leave_the_row_and_come_back_exactly(string type)
    {
        var feit = LogFormaatTests.Voorbeeld(type);
        var (rij, apart) = LogFormaat.SchrijfGesplitst(feit);
        Assert.NotNull(apart);
        var afgesplitst = JsonNode.Parse(apart)!.AsObject();
        var inRij = JsonNode.Parse(rij)!.AsObject();
        Assert.NotEmpty(afgesplitst);
        foreach (var pad in LogFormaat.PersoonlijkeVelden(type))
        {
            var waarde = pad.Split('.').Aggregate((JsonNode?)inRij, (n, deel) => n?[deel]);
            Assert.All(waarde is null ? [] : Teksten(waarde), t => Assert.Equal(LogFormaat.Versleuteld, t)); // in the row: the placeholder or nothing
            if (afgesplitst[pad] is { } persoonlijk)
            {
                Assert.All(Teksten(persoonlijk), t => Assert.DoesNotContain(System.Text.Json.JsonSerializer.Serialize(t), rij, StringComparison.Ordinal));
            }
        }

        Assert.Equal(LogFormaat.Schrijf(feit), LogFormaat.Schrijf(LogFormaat.Lees(type, LogFormaat.Versie, rij, apart)));
    }

    [Theory]
    [MemberData(nameof(TypenMetPersoonsgegevens))]
    public void Without_its_key_a_fact_still_reads_with_its_personal_texts_shown_as_encrypted(string type)
    {
        var (rij, _) = LogFormaat.SchrijfGesplitst(LogFormaatTests.Voorbeeld(type));
        var gelezen = LogFormaat.Schrijf(LogFormaat.Lees(type, LogFormaat.Versie, rij, persoonlijk: null));
        Assert.Contains(LogFormaat.Versleuteld, gelezen, StringComparison.Ordinal);
        Assert.Equal(LogFormaat.Schrijf(LogFormaat.Lees(type, LogFormaat.Versie, rij)), gelezen);
    }

    [Fact]
    public void A_milestone_has_nothing_personal_and_is_stored_as_it_is()
    {
        var mijlpaal = LogFormaatTests.Voorbeeld(LogFormaat.Mijlpaal);
        Assert.Equal((LogFormaat.Schrijf(mijlpaal), (string?)null), LogFormaat.SchrijfGesplitst(mijlpaal));
    }

    private static IEnumerable<string> Teksten(JsonNode waarde) => waarde switch
    {
        JsonObject o => o.Select(l => l.Value).OfType<JsonNode>().SelectMany(Teksten),
        _ => [waarde.ToString()],
    };
}
