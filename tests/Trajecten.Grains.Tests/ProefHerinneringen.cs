using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Trajecten.Grains.Tests;

/// <summary>
/// The cluster's reminder table, shared by both silos as PostgreSQL would be, that a test can make refuse the next
/// registrations of one grain (a database blip) and that tells which reminders exist.
/// </summary>
public sealed class ProefHerinneringen : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _rijen = new();
    private readonly ConcurrentDictionary<GrainId, int> _weigeren = new();
    private long _etag;

    /// <summary>The next <paramref name="aantal"/> registrations of this grain fail.</summary>
    public void Weiger(GrainId grain, int aantal) => _weigeren[grain] = aantal;

    /// <summary>The grain's reminder of this name, if one is registered.</summary>
    public ReminderEntry? Zoek(GrainId grain, string naam) => _rijen.TryGetValue((grain, naam), out var rij) ? rij : null;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(_rijen.Values.Where(r => r.GrainId == grainId).ToArray()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_rijen.Values.Where(r =>
        {
            var hash = r.GrainId.GetUniformHashCode();
            return begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
        }).ToArray()));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Task.FromResult(Zoek(grainId, reminderName));

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        if (_weigeren.TryGetValue(entry.GrainId, out var aantal) && aantal > 0)
        {
            _weigeren[entry.GrainId] = aantal - 1;
            throw new InvalidOperationException("De herinneringentabel is even niet bereikbaar (proef).");
        }

        var etag = Interlocked.Increment(ref _etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _rijen[(entry.GrainId, entry.ReminderName)] = new ReminderEntry
        {
            GrainId = entry.GrainId, ReminderName = entry.ReminderName, StartAt = entry.StartAt, Period = entry.Period, ETag = etag,
        };
        return Task.FromResult<string?>(etag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Task.FromResult(_rijen.TryGetValue((grainId, reminderName), out var rij) && rij.ETag == eTag && _rijen.TryRemove((grainId, reminderName), out _));

    public Task TestOnlyClearTable()
    {
        _rijen.Clear();
        return Task.CompletedTask;
    }
}
