using Trajecten.Abstractions.Leesmodel;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Grains.Projecties;

namespace Trajecten.Grains.Tests;

/// <summary>The caseload read model of the in-memory mode: the order, filters and paging the API relies on.</summary>
public class CaseloadTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    internal static CaseloadRij Rij(int i, string? naam = null, string gemeente = "Alkmaar", string? klantmanager = null,
        DateTimeOffset? termijn = null, IReadOnlyList<Aandachtspunt>? punten = null) =>
        new($"cl-{i:D26}".Replace('0', 'a').Replace('1', 'b').Replace('2', 'c').Replace('3', 'd').Replace('4', 'e').Replace('5', 'f')
                .Replace('6', 'g').Replace('7', 'h').Replace('8', 'i').Replace('9', 'j'),
            gemeente, klantmanager, null, naam ?? $"Persoon {i % 97}", null, [], punten ?? [], termijn, termijn is null ? null : "zoekperiode", Nu, i);

    [Fact]
    public void Names_fold_to_lower_case_without_accents()
    {
        Assert.Equal("jose ozturk-de vries", CaseloadRij.Zoeksleutel("  José   ÖZTÜRK-de Vries "));
        Assert.Equal("lukasz orsted aegir strasse", CaseloadRij.Zoeksleutel("Łukasz Ørsted Ægir Straße"));
        Assert.Equal("", CaseloadRij.Zoeksleutel(null));
    }

    [Fact]
    public async Task Paging_over_ten_thousand_clients_forwards_and_backwards_returns_each_exactly_once_in_order()
    {
        var caseload = new GeheugenCaseload();
        for (var i = 0; i < 10_000; i++)
        {
            await caseload.SchrijfAsync(Rij(i));
        }

        var vooruit = new List<CaseloadRij>();
        CaseloadPositie? vanaf = null;
        while (true)
        {
            var pagina = await caseload.ZoekAsync(new CaseloadVraag { Limiet = 100, Vanaf = vanaf });
            vooruit.AddRange(pagina.Rijen);
            if (!pagina.MeerNa)
            {
                break;
            }

            vanaf = new CaseloadPositie(pagina.Rijen[^1].Sleutel(CaseloadVolgorde.Naam), pagina.Rijen[^1].ClientId, false);
        }

        Assert.Equal(10_000, vooruit.Count);
        Assert.Equal(10_000, vooruit.Select(r => r.ClientId).Distinct().Count());
        var verwacht = vooruit.OrderBy(r => r.NaamSleutel, StringComparer.Ordinal).ThenBy(r => r.ClientId, StringComparer.Ordinal).ToList();
        Assert.Equal(verwacht.Select(r => r.ClientId), vooruit.Select(r => r.ClientId));

        var terug = new List<CaseloadRij>();
        vanaf = new CaseloadPositie(vooruit[^1].Sleutel(CaseloadVolgorde.Naam), vooruit[^1].ClientId, true);
        terug.Add(vooruit[^1]);
        while (true)
        {
            var pagina = await caseload.ZoekAsync(new CaseloadVraag { Limiet = 100, Vanaf = vanaf });
            terug.InsertRange(0, pagina.Rijen);
            if (!pagina.MeerVoor)
            {
                break;
            }

            vanaf = new CaseloadPositie(pagina.Rijen[0].Sleutel(CaseloadVolgorde.Naam), pagina.Rijen[0].ClientId, true);
        }

        Assert.Equal(vooruit.Select(r => r.ClientId), terug.Select(r => r.ClientId));
    }

    [Fact]
    public async Task A_row_never_goes_back_to_an_earlier_position_and_urgency_orders_the_werkvoorraad()
    {
        var caseload = new GeheugenCaseload();
        await caseload.SchrijfAsync(Rij(5, "Nieuw") with { LaatstePositie = 10 });
        await caseload.SchrijfAsync(Rij(5, "Oud") with { LaatstePositie = 9 });
        Assert.Equal("Nieuw", Assert.Single(await caseload.AllesAsync()).Naam);

        var punt = new Aandachtspunt { Code = Aandachtspunten.ZoekperiodeVerlopen, Omschrijving = "x", Sinds = new DateOnly(2026, 11, 1) };
        await caseload.SchrijfAsync(Rij(1, klantmanager: "k", termijn: Nu.AddDays(3)));
        await caseload.SchrijfAsync(Rij(2, klantmanager: "k", punten: [punt]));
        await caseload.SchrijfAsync(Rij(3, klantmanager: "k", termijn: Nu.AddDays(30)));
        await caseload.SchrijfAsync(Rij(4, klantmanager: "ander", punten: [punt]));
        var werkvoorraad = await caseload.ZoekAsync(new CaseloadVraag
        {
            Klantmanager = "k", AlleenUrgent = true, TermijnVoor = Nu.AddDays(14), Volgorde = CaseloadVolgorde.Urgentie, Limiet = 10,
        });
        Assert.Equal([Rij(2).ClientId, Rij(1).ClientId], werkvoorraad.Rijen.Select(r => r.ClientId));
    }
}
