using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

/// <summary>Every (phase, milestone) pair of the state machine, legal and illegal.</summary>
public class TrajectRegelsTests
{
    // Columns: intake, diagnose, plan, leerwerkbedrijf, plaatsing, uitstroom, beeindigd.
    private static readonly Dictionary<TrajectFase, string> Tabel = new()
    {
        [TrajectFase.Aangemeld]       = "X.....X", // only intake, or ended before it
        [TrajectFase.Intake]          = ".X.XXXX",
        [TrajectFase.Diagnose]        = "..XXXXX",
        [TrajectFase.Plan]            = "...XXXX",
        [TrajectFase.Leerwerkbedrijf] = "....XXX",
        [TrajectFase.Plaatsing]       = ".....XX",
        [TrajectFase.Uitstroom]       = ".......",
        [TrajectFase.Beeindigd]       = ".......",
    };

    public static TheoryData<TrajectFase, MijlpaalSoort, bool> AlleOvergangen()
    {
        var data = new TheoryData<TrajectFase, MijlpaalSoort, bool>();
        var soorten = Enum.GetValues<MijlpaalSoort>();
        foreach (var (fase, rij) in Tabel)
        {
            Assert.Equal(soorten.Length, rij.Length);
            var cellen = rij;
            for (var i = 0; i < soorten.Length; i++)
            {
                data.Add(fase, soorten[i], cellen[i] == 'X');
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_phase_and_every_milestone()
    {
        Assert.Equal(Enum.GetValues<TrajectFase>().Length, Tabel.Count);
        Assert.Equal(Enum.GetValues<TrajectFase>().Length * Enum.GetValues<MijlpaalSoort>().Length, AlleOvergangen().Count);
    }

    [Theory]
    [MemberData(nameof(AlleOvergangen))]
    public void Transition(TrajectFase huidig, MijlpaalSoort nieuw, bool toegestaan)
    {
        var weigering = TrajectRegels.Weigering(huidig, nieuw);
        if (toegestaan)
        {
            Assert.Null(weigering);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(weigering));
        }
    }

    [Theory]
    [InlineData(100, Doelgroep.Volledig)]
    [InlineData(80.1, Doelgroep.Volledig)]
    [InlineData(80, Doelgroep.Beperkt)]
    [InlineData(50, Doelgroep.Beperkt)]
    [InlineData(20, Doelgroep.Beperkt)]
    [InlineData(19.9, Doelgroep.Beschut)]
    [InlineData(0, Doelgroep.Beschut)]
    public void Doelgroep_by_loonwaarde(double loonwaarde, Doelgroep verwacht) =>
        Assert.Equal(verwacht, TrajectRegels.DoelgroepBijLoonwaarde((decimal)loonwaarde));

    [Fact]
    public void Phase_follows_the_last_milestone()
    {
        Assert.Equal(TrajectFase.Aangemeld, TrajectRegels.Fase([]));
        foreach (var soort in Enum.GetValues<MijlpaalSoort>())
        {
            Assert.Equal(soort.ToString(), TrajectRegels.FaseNa(soort).ToString());
        }
    }

    [Fact]
    public void Every_code_round_trips()
    {
        foreach (var soort in Enum.GetValues<MijlpaalSoort>())
        {
            Assert.True(TrajectCodes.Mijlpaal.TryParse(TrajectCodes.Mijlpaal.Code(soort), out var terug));
            Assert.Equal(soort, terug);
        }

        Assert.False(TrajectCodes.Mijlpaal.TryParse("Intake", out _)); // codes are case-sensitive
        Assert.Equal("re-integratie", TrajectCodes.Soort.Code(TrajectSoort.ReIntegratie));
    }
}
