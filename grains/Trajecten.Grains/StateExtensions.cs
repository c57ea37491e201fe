using Microsoft.Extensions.Logging;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains;

internal static partial class StateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails the in-memory change is undone and the activation dropped, so the
    /// next call reloads what the store really holds instead of trusting a fact that was never stored.
    /// </summary>
    public static async Task SchrijfOfHerstelAsync<T>(this IPersistentState<T> state, Action herstel, Action deactiveer)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            herstel();
            deactiveer();
            throw;
        }
    }

    /// <summary>
    /// Appends to the event log for a grain whose state is a snapshot of it. A volgnummer that another writer
    /// already holds means this activation is stale: it is dropped (the next call reloads from the log) and
    /// the call fails as an inconsistent state, which the API answers with 503.
    /// </summary>
    public static async Task<T> VoegToeAanLogAsync<T>(Func<Task<T>> voegToe, Action deactiveer, string wat)
    {
        try
        {
            return await voegToe();
        }
        catch (VolgnummerBezetException)
        {
            deactiveer();
            throw new Orleans.Storage.InconsistentStateException($"{wat} is intussen elders bijgewerkt; probeer het opnieuw.");
        }
    }

    /// <summary>
    /// Writes a snapshot that fell behind the log (on deactivation). If that fails nothing is lost: the next
    /// activation catches up from the log.
    /// </summary>
    public static async Task SchrijfMomentopnameAsync<T>(this IPersistentState<T> state, bool verouderd, ILogger logger, string grain, CancellationToken ct)
    {
        if (!verouderd)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(ct);
        }
        catch (Exception ex)
        {
            LogMomentopnameMislukt(logger, ex, grain);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Grain}: momentopname niet geschreven; de volgende activering haalt in uit het gebeurtenissenlog")]
    private static partial void LogMomentopnameMislukt(ILogger logger, Exception ex, string grain);
}
