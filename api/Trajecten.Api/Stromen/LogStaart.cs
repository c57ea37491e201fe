using Microsoft.Extensions.Options;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Api.Stromen;

/// <summary>
/// One tail of the log per silo that every event stream of the silo reads from: one query per commit notification (or
/// per second without one), however many streams are open, instead of one query per stream per poll. It keeps the most
/// recent published facts in memory; a stream whose cursor lies before them catches up from the log directly, a few at a time
/// (<see cref="InhalenAsync"/>), so a thousand resuming subscribers cannot take every database connection. It only reads
/// while streams are open.
/// </summary>
public sealed partial class LogStaart : IDisposable
{
    /// <summary>Published facts kept in memory: what a stream that fell this far behind reads from the log instead.</summary>
    public const int Capaciteit = 10_000;

    /// <summary>Catch-up reads from the log at the same time, over all streams of the silo.</summary>
    public const int GelijktijdigInhalen = 4;

    private const int Pagina = 1000;

    private readonly IGebeurtenisLog _log;
    private readonly LogMelder _melder;
    private readonly ILogger<LogStaart> _logger;
    private readonly object _slot = new();
    private readonly LogFeit[] _ring = new LogFeit[Capaciteit];
    private readonly SemaphoreSlim _inhalen = new(GelijktijdigInhalen);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, int> _perGebruiker = new(StringComparer.Ordinal);
    private readonly ApiOpties _opties;
    private int _begin, _aantal, _lezers;
    private long _ondergrens, _cursor, _kop;
    private Task<long>? _kopLezen;
    private TaskCompletionSource _nieuw = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _gemeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _lus;

    public LogStaart(IGebeurtenisLog log, LogMelder melder, IOptions<ApiOpties> opties, ILogger<LogStaart> logger)
    {
        (_log, _melder, _opties, _logger) = (log, melder, opties.Value, logger);
        _melder.Gemeld += Gemeld;
    }

    private void Gemeld(IReadOnlyCollection<int> partities) => Volatile.Read(ref _gemeld).TrySetResult();

    /// <summary>Open streams now, per silo.</summary>
    public int Open { get { lock (_slot) { return _lezers; } } }

    /// <summary>
    /// A place for one more stream of this subject, or null with the reason when the subject or the silo has as many as
    /// <see cref="ApiOpties.StromenPerGebruiker"/> / <see cref="ApiOpties.StromenPerSilo"/> allow. Dispose to give it back.
    /// </summary>
    public async Task<(IAsyncDisposable? Plaats, string? Geweigerd)> MeldAanAsync(string subject, CancellationToken ct)
    {
        bool eerste;
        lock (_slot)
        {
            var eigen = _perGebruiker.GetValueOrDefault(subject);
            if (eigen >= _opties.StromenPerGebruiker)
            {
                return (null, $"Je hebt al {eigen} stromen open, het maximum per gebruiker (Api:StromenPerGebruiker). Sluit er een of lees de feed.");
            }

            if (_lezers >= _opties.StromenPerSilo)
            {
                return (null, $"Deze silo bedient al {_lezers} stromen, het maximum (Api:StromenPerSilo). Probeer het later opnieuw.");
            }

            _perGebruiker[subject] = eigen + 1;
            eerste = _lezers++ == 0;
        }

        if (eerste)
        {
            try
            {
                await StartAsync(ct);
            }
            catch
            {
                Afmelden(subject);
                throw;
            }
        }

        return (new Plaats(this, subject), null);
    }

    private sealed class Plaats(LogStaart staart, string subject) : IAsyncDisposable
    {
        private int _weg;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _weg, 1) == 0)
            {
                staart.Afmelden(subject);
            }

            return ValueTask.CompletedTask;
        }
    }

    private void Afmelden(string subject)
    {
        lock (_slot)
        {
            _lezers--;
            if (--_perGebruiker[subject] == 0)
            {
                _perGebruiker.Remove(subject);
            }
        }
    }

    /// <summary>The first stream after a quiet time: the tail starts at the end of the log (older positions are read directly).</summary>
    private async Task StartAsync(CancellationToken ct)
    {
        lock (_slot)
        {
            if (_lus is not null)
            {
                return; // still reading: it keeps going now that someone reads again
            }
        }

        var einde = await _log.LaatstePositieAsync(ct);
        lock (_slot)
        {
            if (_lus is not null)
            {
                return;
            }

            (_begin, _aantal, _ondergrens, _cursor) = (0, 0, einde, einde);
            _kop = Math.Max(_kop, einde);
            _lus = Task.Run(() => LusAsync(_stop.Token));
        }
    }

    private async Task LusAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            lock (_slot)
            {
                if (_lezers == 0)
                {
                    _lus = null; // nobody reads: stop, and start afresh at the end of the log when someone does
                    return;
                }
            }

            var gemeld = Volatile.Read(ref _gemeld);
            try
            {
                await LeesBijAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                LogLeesfout(_logger, ex);
            }

            try
            {
                await gemeld.Task.WaitAsync(TimeSpan.FromSeconds(1), stop);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                lock (_slot)
                {
                    _lus = null;
                }

                return;
            }

            Interlocked.CompareExchange(ref _gemeld, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), gemeld);
        }
    }

    private async Task LeesBijAsync(CancellationToken stop)
    {
        // The head first: once the facts up to it are read, every position up to it has been seen.
        var kop = await _log.LaatstePositieAsync(stop);
        try
        {
            await LeesFeitenAsync(stop);
        }
        finally
        {
            lock (_slot)
            {
                _kop = Math.Max(_kop, kop);
            }
        }
    }

    /// <summary>
    /// The head of the log (the last position of any fact) for a stream that starts: while the tail runs, as it read it
    /// last (one query per silo per round, not one per stream); otherwise, or when <paramref name="minstens"/> lies beyond
    /// it, read now — once for all streams that ask at the same moment.
    /// </summary>
    public Task<long> KopAsync(long minstens)
    {
        lock (_slot)
        {
            if (_lus is not null && _kop >= minstens)
            {
                return Task.FromResult(_kop);
            }

            if (_kopLezen is { } bezig)
            {
                return bezig;
            }

            var lezen = LeesKopAsync();
            _kopLezen = lezen.IsCompleted ? null : lezen;
            return lezen;
        }
    }

    private async Task<long> LeesKopAsync()
    {
        try
        {
            var kop = await _log.LaatstePositieAsync(_stop.Token);
            lock (_slot)
            {
                _kop = Math.Max(_kop, kop);
                return _kop;
            }
        }
        finally
        {
            lock (_slot)
            {
                _kopLezen = null;
            }
        }
    }

    private async Task LeesFeitenAsync(CancellationToken stop)
    {
        while (true)
        {
            long cursor;
            lock (_slot)
            {
                cursor = _cursor;
            }

            var nieuw = await _log.LeesAsync(cursor, Pagina, GebeurtenisFilter.Alles, stop);
            if (nieuw.Count == 0)
            {
                return;
            }

            TaskCompletionSource wakker;
            lock (_slot)
            {
                foreach (var g in nieuw)
                {
                    if (_aantal == Capaciteit)
                    {
                        _ondergrens = _ring[_begin].Positie; // the oldest goes: streams before it read the log
                        _begin = (_begin + 1) % Capaciteit;
                        _aantal--;
                    }

                    _ring[(_begin + _aantal) % Capaciteit] = g;
                    _aantal++;
                }

                _cursor = nieuw[^1].Positie;
                wakker = _nieuw;
                _nieuw = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            wakker.TrySetResult();
            if (nieuw.Count < Pagina)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The published facts after <paramref name="na"/> that pass the filter, from memory, and the cursor the stream continues from
    /// (past facts the filter skipped, so a filtered stream never rescans). Null when <paramref name="na"/> lies before
    /// what memory holds: catch up with <see cref="InhalenAsync"/>. <see cref="Wacht"/> completes when more arrives.
    /// </summary>
    public (IReadOnlyList<LogFeit> Feiten, long Cursor)? Na(long na, GebeurtenisFilter filter, int max)
    {
        lock (_slot)
        {
            if (na < _ondergrens)
            {
                return null;
            }

            var feiten = new List<LogFeit>();
            var cursor = Math.Max(na, _cursor);
            for (var i = Zoek(na); i < _aantal; i++)
            {
                var g = _ring[(_begin + i) % Capaciteit];
                if (feiten.Count == max)
                {
                    cursor = feiten[^1].Positie;
                    break;
                }

                if (filter.Past(g))
                {
                    feiten.Add(g);
                }
            }

            return (feiten, cursor);
        }
    }

    /// <summary>The first index in the ring with a position after <paramref name="na"/> (binary search: positions ascend).</summary>
    private int Zoek(long na)
    {
        int laag = 0, hoog = _aantal;
        while (laag < hoog)
        {
            var midden = (laag + hoog) / 2;
            if (_ring[(_begin + midden) % Capaciteit].Positie <= na)
            {
                laag = midden + 1;
            }
            else
            {
                hoog = midden;
            }
        }

        return laag;
    }

    public Task Wacht
    {
        get { lock (_slot) { return _nieuw.Task; } }
    }

    /// <summary>
    /// For a stream behind what memory holds: one page from the log, a few streams at a time. Returns the facts and
    /// the cursor to continue from; after a short page that is at least where the tail stood when the read began.
    /// </summary>
    public async Task<(IReadOnlyList<LogFeit> Feiten, long Cursor)> InhalenAsync(long na, GebeurtenisFilter filter, int max, CancellationToken ct)
    {
        await _inhalen.WaitAsync(ct);
        try
        {
            long staart;
            lock (_slot)
            {
                staart = _cursor;
            }

            var feiten = await _log.LeesAsync(na, max, filter, ct);
            return (feiten, feiten.Count == max ? feiten[^1].Positie : Math.Max(staart, feiten.Count > 0 ? feiten[^1].Positie : na));
        }
        finally
        {
            _inhalen.Release();
        }
    }

    public void Dispose()
    {
        _melder.Gemeld -= Gemeld;
        _stop.Cancel();
        _stop.Dispose();
        _inhalen.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "De staart van het log kon niet bijlezen; de stromen wachten tot het weer lukt")]
    private static partial void LogLeesfout(ILogger logger, Exception ex);
}
