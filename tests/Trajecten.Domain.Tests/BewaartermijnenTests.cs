using Microsoft.Extensions.Time.Testing;
using Trajecten.Domain.Privacy;

namespace Trajecten.Domain.Tests;

/// <summary>The retention rules on a fake clock: which file or signal has reached the end of its period on a given day.</summary>
public class BewaartermijnenTests
{
    private static readonly Bewaartermijnen Regels = new(5, new Dictionary<string, int> { ["Heiloo"] = 7 }, 12, 2);
    private static readonly DateOnly Dag = new(2020, 3, 15);

    public static TheoryData<string, DateOnly?[], bool, string, string?> Dossiers => new()
    {
        // gemeente, end dates (null: running), destroyed, today, expected end of retention (null: none)
        { "Bergen", [Dag], false, "2025-03-14", "2025-03-15" },
        { "Bergen", [Dag], false, "2025-03-15", "2025-03-15" },
        { "Heiloo", [Dag], false, "2025-03-15", "2027-03-15" },               // the gemeente chose seven years
        { "Bergen", [Dag, Dag.AddYears(2)], false, "2025-03-15", "2027-03-15" }, // the last end counts
        { "Bergen", [Dag, null], false, "2040-01-01", null },                   // a traject still runs: kept
        { "Bergen", [], false, "2040-01-01", null },                            // no traject: no end to count from
        { "Bergen", [Dag], true, "2040-01-01", null },                          // already destroyed
        { "Bergen", [new DateOnly(2020, 2, 29)], false, "2025-02-28", "2025-02-28" }, // a leap day ends on the 28th
    };

    [Theory]
    [MemberData(nameof(Dossiers))]
    public void A_files_retention_ends_its_gemeentes_period_after_its_last_traject_ended(string gemeente, DateOnly?[] afsluitingen, bool vernietigd, string vandaag, string? verwacht)
    {
        var dossier = new DossierStand("cl-a", gemeente, afsluitingen, vernietigd);
        Assert.Equal(verwacht is null ? null : DateOnly.Parse(verwacht), Regels.DossierVerlooptOp(dossier));
        var lijst = Regels.Bepaal([dossier], [], DateOnly.Parse(vandaag));
        Assert.Equal(verwacht is not null && DateOnly.Parse(verwacht) <= DateOnly.Parse(vandaag), lijst.Any(v => v.Soort == Bewaarsoorten.Dossier));
    }

    public static TheoryData<string, string?, string?> Signalen => new()
    {
        // domein/soort of the signal, a later signal of the same person (domein/soort@days after), expected end (null: kept with the file)
        { "schuldhulp/vroegsignalering", null, "2021-03-15" },
        { "schuldhulp/vroegsignalering", "schuldhulp/aanmelding@30", null },      // help started: kept
        { "schuldhulp/vroegsignalering", "schuldhulp/schuldregeling@0", null },   // the same day counts
        { "schuldhulp/vroegsignalering", "schuldhulp/aanmelding@-1", "2021-03-15" }, // help before the signal is not help after it
        { "schuldhulp/vroegsignalering", "schuldhulp/vroegsignalering@40", "2021-03-15" },
        { "schuldhulp/vroegsignalering", "wmo/melding@10", "2021-03-15" },
        { "schuldhulp/aanmelding", null, null },                                  // not vroegsignalering: kept with the file
        { "jeugd/vroegsignalering", null, null },
    };

    [Theory]
    [MemberData(nameof(Signalen))]
    public void A_vroegsignalering_signal_without_help_ends_its_period_after_its_date(string signaal, string? later, string? verwacht)
    {
        var s = Stand(signaal, 0, 1);
        var anderen = later is null ? [] : new[] { Stand(later.Split('@')[0], int.Parse(later.Split('@')[1]), 2) };
        Assert.Equal(verwacht is null ? null : DateOnly.Parse(verwacht), Regels.SignaalVerlooptOp(s, anderen.Append(s)));
    }

    private static SignaalStand Stand(string domeinSoort, int dagen, long positie) =>
        new("cl-s", positie, domeinSoort.Split('/')[0], domeinSoort.Split('/')[1], Dag.AddDays(dagen));

    [Fact]
    public void The_listing_moves_with_the_clock_and_a_window_lists_each_record_once()
    {
        var klok = new FakeTimeProvider(new DateTimeOffset(2021, 3, 14, 12, 0, 0, TimeSpan.Zero));
        DateOnly Vandaag() => DateOnly.FromDateTime(klok.GetUtcNow().UtcDateTime);
        DossierStand[] dossiers =
        [
            new("cl-dicht", "Bergen", [new DateOnly(2016, 3, 15)], false),
            new("cl-loopt", "Bergen", [null], false),
            new("cl-weg", "Bergen", [Dag.AddYears(-9)], true),
        ];
        SignaalStand[] signalen =
        [
            new("cl-dicht", 1, "schuldhulp", "vroegsignalering", Dag),         // its file goes as a whole: not listed apart
            new("cl-loopt", 2, "schuldhulp", "vroegsignalering", Dag),
            new("cl-loopt", 3, "schuldhulp", "vroegsignalering", Dag.AddDays(1)),
            new("cl-weg", 4, "schuldhulp", "vroegsignalering", Dag),           // its file is already destroyed
            new("niemand", 5, "schuldhulp", "vroegsignalering", Dag.AddDays(2)), // a person who never became a client
        ];

        Assert.Empty(Regels.Bepaal(dossiers, signalen, Vandaag()));
        klok.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["re-integratiedossier cl-dicht  2021-03-15", "vroegsignalering-zonder-hulp cl-loopt 2 2021-03-15"],
            Regels.Bepaal(dossiers, signalen, Vandaag()).Select(Tekst));
        var vorige = Vandaag();
        klok.Advance(TimeSpan.FromDays(2));
        Assert.Equal(["vroegsignalering-zonder-hulp cl-loopt 3 2021-03-16", "vroegsignalering-zonder-hulp niemand 5 2021-03-17"],
            Regels.Bepaal(dossiers, signalen, Vandaag(), na: vorige).Select(Tekst));
        Assert.Equal(4, Regels.Bepaal(dossiers, signalen, Vandaag()).Count);

        static string Tekst(Verlopen v) => $"{v.Soort} {v.ClientId} {v.Positie} {v.VerlopenOp:yyyy-MM-dd}";
    }

    [Fact]
    public void The_access_log_limit_and_the_rules_name_their_periods_and_legal_basis()
    {
        Assert.Equal(new DateTimeOffset(2019, 3, 15, 8, 0, 0, TimeSpan.Zero), Regels.VerwerkingenGrens(new DateTimeOffset(2021, 3, 15, 8, 0, 0, TimeSpan.Zero)));
        var regels = Regels.Regels();
        Assert.Equal([Bewaarsoorten.Dossier, Bewaarsoorten.Vroegsignalering, Bewaarsoorten.Verwerkingen], regels.Select(r => r.Soort));
        Assert.Equal("5 jaar na de laatste afsluiting; Heiloo 7 jaar", regels[0].Termijn);
        Assert.Contains("Archiefwet", regels[0].Grondslag, StringComparison.Ordinal);
        Assert.Contains("schuldhulpverlening", regels[1].Grondslag, StringComparison.Ordinal);
        Assert.Equal("2 jaar na de verwerking", regels[2].Termijn);
    }
}
