using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Npgsql;

namespace Trajecten.Postgres;

/// <summary>
/// Group commit: callers hand in work and wait; one writer takes everything that has queued up and commits
/// it in one transaction, so the lot costs one WAL flush instead of one each. While a batch commits the next
/// one fills, so batches grow with the load and a lone caller waits for nothing but its own commit.
/// Nobody's task completes before the commit did (durable); if the transaction fails, every caller in it gets
/// the exception (nothing acknowledged). A caller whose item is refused (e.g. a stale volgnummer) gets that
/// item's own exception while the others commit.
/// </summary>
internal sealed class GroepsCommit<TIn, TUit> : IAsyncDisposable
{
    private static readonly Meter Meter = new(OpslagMetrics.MeterName);
    private static readonly Histogram<int> Grootte = Meter.CreateHistogram<int>(
        "trajecten.opslag.groepscommit.grootte", description: "Aantal schrijfacties per transactie (groepscommit), per soort.");

    private readonly NpgsqlDataSource _database;
    private readonly string _soort;
    private readonly int _maxBatch;
    private readonly Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<TIn>, Task<Func<int, TUit>>> _schrijf;
    private readonly Channel<(TIn Invoer, TaskCompletionSource<TUit> Klaar)> _wachtrij =
        Channel.CreateUnbounded<(TIn, TaskCompletionSource<TUit>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _schrijver;

    /// <param name="database">Where to commit.</param>
    /// <param name="soort">What is written, as the metric label.</param>
    /// <param name="maxBatch">Most items per transaction.</param>
    /// <param name="schrijf">Writes a batch inside the open transaction and returns, per index, the result (or throws that item's refusal).</param>
    public GroepsCommit(NpgsqlDataSource database, string soort, int maxBatch,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<TIn>, Task<Func<int, TUit>>> schrijf)
    {
        (_database, _soort, _maxBatch, _schrijf) = (database, soort, maxBatch, schrijf);
        _schrijver = Task.Run(SchrijfLusAsync);
    }

    public Task<TUit> SchrijfAsync(TIn invoer)
    {
        var klaar = new TaskCompletionSource<TUit>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _wachtrij.Writer.TryWrite((invoer, klaar))
            ? klaar.Task
            : Task.FromException<TUit>(new ObjectDisposedException(nameof(GroepsCommit<TIn, TUit>), "De silo stopt; er wordt niets meer geschreven."));
    }

    private async Task SchrijfLusAsync()
    {
        var batch = new List<(TIn Invoer, TaskCompletionSource<TUit> Klaar)>(_maxBatch);
        while (await _wachtrij.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _wachtrij.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                Func<int, TUit> uitkomst;
                await using (var verbinding = await _database.OpenConnectionAsync())
                await using (var transactie = await verbinding.BeginTransactionAsync())
                {
                    uitkomst = await _schrijf(verbinding, transactie, batch.ConvertAll(b => b.Invoer));
                    await transactie.CommitAsync();
                }

                Grootte.Record(batch.Count, new KeyValuePair<string, object?>("soort", _soort));
                for (var i = 0; i < batch.Count; i++)
                {
                    try
                    {
                        batch[i].Klaar.TrySetResult(uitkomst(i));
                    }
                    catch (Exception ex)
                    {
                        batch[i].Klaar.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, klaar) in batch)
                {
                    klaar.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _wachtrij.Writer.TryComplete();
        await _schrijver;
    }
}

public static class OpslagMetrics
{
    public const string MeterName = "Trajecten.Opslag";
}
