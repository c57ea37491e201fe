using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Client;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// The klantbeeld: tells the client's klantbeeld grain about every fact, by the version of the stream it belongs to.
/// The grain asks the source only when that is newer than what it has, so a fact told twice changes nothing.
/// </summary>
public sealed class KlantbeeldProjectie : IProjectie
{
    public const string ProjectieNaam = "klantbeeld";
    public string Naam => ProjectieNaam;

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        var klantbeeld = grains.GetGrain<IKlantbeeldGrain>(clientId);
        foreach (var feit in feiten)
        {
            await FeitFout.OmAsync(feit, () => feit.Gegevens switch
            {
                OntvangenSignaal s => klantbeeld.PasSignaalToeAsync(s.Melding),
                ClientGeregistreerd or ClientGewijzigd or ClientVerhuisd or Verwerkingsbeperking or ClientVernietigd => klantbeeld.VernieuwClientAsync(feit.Volgnummer),
                Abstractions.Log.OnbekendFeit o => throw new InvalidOperationException(
                    $"Onbekend feittype '{o.Type}' (schemaversie {o.Versie}): deze versie kan het niet toepassen."),
                _ => klantbeeld.VernieuwTrajectAsync(feit.StroomId, feit.Volgnummer),
            });
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}

/// <summary>The employer's placements: a plaatsing or uitstroom with a kvkNummer is recorded at that employer (idempotent by mijlpaalId).</summary>
public sealed class WerkgeverProjectie : IProjectie
{
    public string Naam => "werkgever-plaatsingen";

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        foreach (var feit in feiten)
        {
            if (feit.Gegevens is Mijlpaal { Details.KvkNummer: { } kvk } m)
            {
                await FeitFout.OmAsync(feit, () => grains.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvk)).RegistreerPlaatsingAsync(new Plaatsing
                {
                    TrajectId = feit.StroomId,
                    MijlpaalId = m.MijlpaalId,
                    Soort = TrajectCodes.Mijlpaal.Code(m.Soort),
                    Datum = m.Datum,
                }));
            }
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}

/// <summary>A client moved: every traject of the client follows (the client grain does it at once; this makes sure).</summary>
public sealed class VerhuizingProjectie : IProjectie
{
    public string Naam => "verhuizing";

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        var laatste = feiten.LastOrDefault(f => f.Gegevens is ClientVerhuisd);
        if (laatste is not null)
        {
            await FeitFout.OmAsync(laatste, () => grains.GetGrain<IClientGrain>(clientId).VerhuisTrajectenAsync());
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}

/// <summary>
/// A traject opened for a client: the client records it (the client grain does it at once; this makes sure, also when the
/// client's write failed after the opening reached the log).
/// </summary>
public sealed class ClientTrajectenProjectie : IProjectie
{
    public string Naam => "client-trajecten";

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        foreach (var feit in feiten)
        {
            if (feit.Gegevens is TrajectGeopend geopend)
            {
                await FeitFout.OmAsync(feit, () => grains.GetGrain<IClientGrain>(clientId).KoppelTrajectAsync(feit.StroomId, geopend.IdempotencyKey));
            }
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}

/// <summary>
/// Rings the gemeente stream for every milestone, for back-office code that runs as an Orleans client and reads the feed
/// itself when it rings (so a lost ring costs only latency). Best effort: it never holds up the partition.
/// </summary>
public sealed class GemeenteBelProjectie(IServiceProvider services) : IProjectie
{
    public string Naam => "gemeente-bel";

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        var provider = services.GetKeyedService<IStreamProvider>(StroomNamen.Provider);
        if (provider is null)
        {
            return;
        }

        var mijlpalen = feiten.Select(f => f.AlsMijlpaal).OfType<Gebeurtenis>().ToArray();
        if (mijlpalen.Length == 0)
        {
            return;
        }

        try
        {
            if ((await grains.GetGrain<IBeperkingenGrain>(0).LeesAsync()).Contains(clientId))
            {
                return; // the client's processing is restricted
            }
        }
        catch (Exception)
        {
            return; // not known now whether the client is restricted: no ring (followers read the feed, which checks again)
        }

        foreach (var g in mijlpalen)
        {
            try
            {
                await provider.GetStream<Gebeurtenis>(StreamId.Create(StroomNamen.GemeenteGebeurtenissen, g.Gemeente)).OnNextAsync(g);
            }
            catch (Exception)
            {
                // a doorbell: the reader catches up from the feed on the next ring
            }
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}
