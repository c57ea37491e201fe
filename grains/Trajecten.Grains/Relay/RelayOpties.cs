namespace Trajecten.Grains.Relay;

/// <summary>Section <c>Relay</c>: how the event log is re-published into the Orleans streams.</summary>
public sealed class RelayOpties
{
    public const string Sectie = "Relay";

    /// <summary>How often each silo asks the relay to look for new facts. Bounds how late a lost event is repaired.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Facts relayed per tick at most; a longer backlog is worked off in consecutive ticks.</summary>
    public int Batch { get; set; } = 500;
}
