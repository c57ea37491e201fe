namespace Trajecten.Grains;

internal static class StateExtensions
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
}
