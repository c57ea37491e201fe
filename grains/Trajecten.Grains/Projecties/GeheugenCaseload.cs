using Trajecten.Abstractions.Leesmodel;
using System.Collections.Concurrent;

namespace Trajecten.Grains.Projecties;

/// <summary>The caseload of the in-memory mode: the same filters, order and paging as the PostgreSQL tables.</summary>
public sealed class GeheugenCaseload : ICaseload
{
    private readonly ConcurrentDictionary<string, CaseloadRij> _rijen = new(StringComparer.Ordinal);

    public Task SchrijfAsync(CaseloadRij rij)
    {
        _rijen.AddOrUpdate(rij.ClientId, rij, (_, oud) => rij.LaatstePositie >= oud.LaatstePositie ? rij : oud);
        return Task.CompletedTask;
    }

    public Task VerwijderAsync(string clientId)
    {
        _rijen.TryRemove(clientId, out _);
        return Task.CompletedTask;
    }

    public Task LeegAsync()
    {
        _rijen.Clear();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CaseloadRij>> AllesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CaseloadRij>>(_rijen.Values.OrderBy(r => r.ClientId, StringComparer.Ordinal).ToArray());

    public Task<CaseloadPagina> ZoekAsync(CaseloadVraag vraag, CancellationToken ct = default)
    {
        var gevonden = _rijen.Values.Where(r => Past(r, vraag)).Select(r => (Sleutel: r.Sleutel(vraag.Volgorde), Rij: r));
        var vergelijk = Comparer<(string Sleutel, string ClientId)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Sleutel, b.Sleutel);
            return c != 0 ? c : string.CompareOrdinal(a.ClientId, b.ClientId);
        });
        var geordend = gevonden.OrderBy(x => (x.Sleutel, x.Rij.ClientId), vergelijk).ToList();
        List<CaseloadRij> pagina;
        bool meerNa, meerVoor;
        if (vraag.Vanaf is { } vanaf)
        {
            var grens = (vanaf.Sleutel, vanaf.ClientId);
            if (vanaf.Terug)
            {
                var ervoor = geordend.Where(x => vergelijk.Compare((x.Sleutel, x.Rij.ClientId), grens) < 0).ToList();
                pagina = ervoor.TakeLast(vraag.Limiet).Select(x => x.Rij).ToList();
                meerVoor = ervoor.Count > vraag.Limiet;
                meerNa = true;
            }
            else
            {
                var erna = geordend.Where(x => vergelijk.Compare((x.Sleutel, x.Rij.ClientId), grens) > 0).ToList();
                pagina = erna.Take(vraag.Limiet).Select(x => x.Rij).ToList();
                meerNa = erna.Count > vraag.Limiet;
                meerVoor = true;
            }
        }
        else
        {
            pagina = geordend.Take(vraag.Limiet).Select(x => x.Rij).ToList();
            meerNa = geordend.Count > vraag.Limiet;
            meerVoor = false;
        }

        return Task.FromResult(new CaseloadPagina(pagina, meerNa, meerVoor));
    }

    private static bool Past(CaseloadRij r, CaseloadVraag v) =>
        (v.Scope is null || v.Scope.Contains(r.Gemeente))
        && (v.Gemeenten.Count == 0 || v.Gemeenten.Contains(r.Gemeente))
        && (v.Klantmanager is null || r.Klantmanager == v.Klantmanager)
        && (v.Fase is null || r.Trajecten.Any(t => t.Fase == v.Fase))
        && (v.Doelgroep is null || r.Trajecten.Any(t => t.Doelgroep == v.Doelgroep))
        && (v.Aandachtspunt is null || r.Aandachtspunten.Any(a => a.Code == v.Aandachtspunt))
        && (v.NaamPrefix is null || (" " + r.NaamSleutel).Contains(" " + v.NaamPrefix, StringComparison.Ordinal))
        && (v.Geboortedatum is null || r.Geboortedatum == v.Geboortedatum)
        && (v.AlleenUrgent
            ? r.Aandachtspunten.Count > 0 || (r.VolgendeTermijn is { } t && t < v.TermijnVoor)
            : v.TermijnVoor is null || (r.VolgendeTermijn is { } u && u < v.TermijnVoor));
}
