using Orleans.Streams;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.BackOffice.Voorbeeld;

/// <summary>
/// Follows every milestone of one gemeente, in log order, exactly once, from a cursor the back-office keeps.
/// The stream <see cref="StroomNamen.GemeenteGebeurtenissen"/> is the doorbell (low latency, may drop or repeat
/// an event); the feed grain is the ledger (committed facts in position order). On every ring the volger reads
/// the feed from its cursor, so a dropped event is picked up at the next ring and a repeat finds nothing new.
/// </summary>
public sealed class GemeenteVolger(IClusterClient cluster, string gemeente, long vanaf, Func<Gebeurtenis, Task> verwerk) : IAsyncDisposable
{
    private const int Pagina = 500;
    private readonly SemaphoreSlim _eenTegelijk = new(1, 1);
    private StreamSubscriptionHandle<Gebeurtenis>? _abonnement;

    /// <summary>The position of the last milestone handed to the handler: store it to resume after a restart.</summary>
    public long Cursor { get; private set; } = vanaf;

    public async Task StartAsync()
    {
        var stroom = cluster.GetStreamProvider(StroomNamen.Provider)
            .GetStream<Gebeurtenis>(StreamId.Create(StroomNamen.GemeenteGebeurtenissen, gemeente));
        _abonnement = await stroom.SubscribeAsync((gebeurtenis, _) => gebeurtenis.Positie > Cursor ? InhalenAsync() : Task.CompletedTask);
        await InhalenAsync(); // whatever happened while this volger was not running
    }

    /// <summary>Hands every committed milestone after the cursor to the handler, in order.</summary>
    public async Task InhalenAsync()
    {
        await _eenTegelijk.WaitAsync();
        try
        {
            var feed = cluster.GetGrain<IGebeurtenisFeedGrain>(0);
            IReadOnlyList<Gebeurtenis> pagina;
            do
            {
                pagina = await feed.LeesAsync(Cursor, Pagina, gemeente);
                foreach (var gebeurtenis in pagina)
                {
                    await verwerk(gebeurtenis);
                    Cursor = gebeurtenis.Positie;
                }
            }
            while (pagina.Count == Pagina);
        }
        finally
        {
            _eenTegelijk.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_abonnement is not null)
        {
            await _abonnement.UnsubscribeAsync();
        }

        _eenTegelijk.Dispose();
    }
}
